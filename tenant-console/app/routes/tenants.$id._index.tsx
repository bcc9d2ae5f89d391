import { ApiError } from '@agora/api-client';
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { staffNav } from '../lib/nav.js';
import { requireStaff, verifiedForm } from '../lib/session.server.js';
import { Csrf, Notice, Shell, StatusBadge } from '../lib/ui.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.tenant.name ?? 'Tenant'} · Agora` },
  // Without JavaScript the page still follows provisioning.
  ...(data?.tenant.status === 'provisioning' ? [{ httpEquiv: 'refresh', content: '2' } as const] : []),
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { api, staff } = await requireStaff(request, context);
  try {
    const [tenant, domains] = await Promise.all([
      api.getTenant(params.id ?? ''),
      api.tenantDomains(params.id ?? ''),
    ]);
    return { staff, tenant, domains, port: new URL(request.url).port };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404)
      throw new Response('There is no tenant with this id.', { status: 404 });
    throw e;
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { api } = await requireStaff(request, context);
  const form = await verifiedForm(request);
  if (form.get('intent') === 'retry') await api.retryTenant(params.id ?? '');
  if (form.get('intent') === 'remove-domain') {
    // Already gone (removed by the operator meanwhile) is what was asked for.
    await api.removeTenantDomain(params.id ?? '', String(form.get('domainId') ?? '')).catch((e: unknown) => {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
    });
  }
  return redirect(`/tenants/${params.id}`);
}

export default function TenantDetail() {
  const { staff, tenant, domains, port } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const provisioning = tenant.status === 'provisioning';
  useEffect(() => {
    if (!provisioning) return;
    const timer = setInterval(() => revalidator.state === 'idle' && revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [provisioning, revalidator]);

  return (
    <Shell nav={staffNav} user={staff.email}>
      <p>
        <Link to="/">← Tenants</Link>
      </p>
      <h1>
        {tenant.name} <StatusBadge status={tenant.status} />
      </h1>
      {tenant.status === 'failed' ? (
        <Notice kind="error">
          <p>
            <strong>Provisioning failed.</strong> {tenant.failureReason}
          </p>
          <Form method="post">
            <Csrf />
            <button type="submit" name="intent" value="retry">
              Retry provisioning
            </button>
          </Form>
        </Notice>
      ) : null}
      {tenant.status === 'suspended' ? (
        <Notice kind="warning">Suspended: the storefront and API are unavailable.</Notice>
      ) : null}
      <div className="row">
        <section className="card" aria-labelledby="prov">
          <h2 id="prov">Provisioning</h2>
          <div
            className="progress"
            role="progressbar"
            aria-valuenow={tenant.provisioning.progress}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <span style={{ width: `${tenant.provisioning.progress}%` }} />
          </div>
          <ol className="steps" data-testid="steps">
            {tenant.provisioning.steps.map((s) => (
              <li key={s.step}>
                <span>{s.label}</span>
                <span>
                  <StatusBadge status={s.status} />
                  {s.error ? <small className="error"> {s.error}</small> : null}
                </span>
              </li>
            ))}
          </ol>
          <p className="hint">Attempt {tenant.provisioning.attempt}</p>
        </section>
        <section className="card" aria-labelledby="details">
          <h2 id="details">Details</h2>
          <dl>
            <dt>Slug</dt>
            <dd>{tenant.slug}</dd>
            <dt>Owner</dt>
            <dd>{tenant.ownerEmail}</dd>
            <dt>Schema</dt>
            <dd>
              <code>{tenant.schemaName}</code>
            </dd>
            <dt>Domains</dt>
            <dd>
              {tenant.domains.length === 0
                ? 'None yet'
                : tenant.domains.map((d) => (
                    <div key={d.hostname}>
                      <a href={`//${d.hostname}${port ? `:${port}` : ''}/`}>{d.hostname}</a>{' '}
                      {d.primary ? '(primary)' : ''}
                    </div>
                  ))}
            </dd>
          </dl>
          {tenant.status === 'active' ? (
            <Link className="button secondary" to={`/tenants/${tenant.id}/suspend`}>
              Suspend…
            </Link>
          ) : null}
          {tenant.status === 'suspended' ? (
            <Link className="button" to={`/tenants/${tenant.id}/resume`}>
              Resume…
            </Link>
          ) : null}
        </section>
      </div>
      <section className="card" aria-labelledby="custom-domains">
        <h2 id="custom-domains">Custom domains</h2>
        {domains.data.length === 0 ? (
          <p>The operator has added no domains.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Domain</th>
                <th>Status</th>
                <th>Last check</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {domains.data.map((d) => (
                <tr key={d.id}>
                  <td>
                    {d.domain} {d.primary ? '(primary)' : ''}
                  </td>
                  <td>
                    <StatusBadge status={d.status} of="domain" />
                  </td>
                  <td>
                    {d.lastResult
                      ? `${new Date(d.lastResult.checkedAt).toUTCString()}: ${d.lastResult.problem ?? 'passed'}`
                      : 'not checked yet'}
                  </td>
                  <td>
                    <Form
                      method="post"
                      onSubmit={(e) =>
                        !confirm(`Remove ${d.domain} from ${tenant.name}?`) && e.preventDefault()
                      }
                    >
                      <Csrf />
                      <input type="hidden" name="domainId" value={d.id} />
                      <button type="submit" name="intent" value="remove-domain" className="danger">
                        Remove
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Shell>
  );
}
