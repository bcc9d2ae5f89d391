import { ApiError } from '@agora/api-client';
import { AddDomainBody, type TenantDomain } from '@agora/contracts';
import { apiErrorReply, okReply, parseForm } from '@agora/ui/forms';
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Csrf, Field, Notice, Shell, StatusBadge } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Domains' }];

/** The marketplace's own domains (owner and operators; the API refuses anyone else). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  return { user, domains: await api.domains() };
}

/** add (`domain`), check, primary, remove (`id`), clear-primary. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
  const intent = String(form.get('intent') ?? '');
  const id = String(form.get('id') ?? '');
  const name = String(form.get('name') ?? 'The domain');
  try {
    switch (intent) {
      case 'check': {
        const d = await api.checkDomain(id);
        return d.status === 'verified'
          ? okReply(`${d.domain} is verified.`)
          : okReply(`${d.domain} was checked: ${d.lastResult?.problem ?? 'see the records below'}`);
      }
      case 'primary':
        await api.makeDomainPrimary(id);
        return okReply(`${name} is now the primary domain: the other addresses redirect to it.`);
      case 'clear-primary':
        await api.clearPrimaryDomain();
        return okReply('No primary domain: the marketplace is served at its default address.');
      case 'remove': {
        const here = new URL(request.url);
        const { defaultHost } = await api.domains();
        await api.removeDomain(id);
        // Removed the domain this page is on: it no longer serves the marketplace, so go on at the
        // default host (same scheme and port), where the operator signs in again (host-only cookies).
        if (here.hostname === name) {
          here.hostname = defaultHost;
          return redirect(`${here.origin}/console/domains`);
        }
        return okReply(`${name} was removed.`);
      }
      default: {
        const submission = parseForm(AddDomainBody, form, { what: 'domain' });
        if (!submission.ok) return submission.reply;
        const d = await api.addDomain(submission.value);
        return okReply(`${d.domain} was added. Create the DNS records below, then check it.`);
      }
    }
  } catch (e) {
    if (e instanceof ApiError && e.status < 500)
      return apiErrorReply(
        e,
        intent === 'add' ? { domain: String(form.get('domain') ?? '') } : null,
        'domain',
      );
    throw e;
  }
}

const when = (iso: string) => new Date(iso).toUTCString();

function Records({ d }: { d: TenantDomain }) {
  const { instructions: i } = d;
  return (
    <table>
      <thead>
        <tr>
          <th>Type</th>
          <th>Name</th>
          <th>Value</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>TXT</td>
          <td>
            <code>{i.txt.name}</code>
          </td>
          <td>
            <code>{i.txt.value}</code>
          </td>
        </tr>
        {i.apex ? (
          <tr>
            <td>A</td>
            <td>
              <code>{i.cname.name}</code>
            </td>
            <td>
              {i.a ? (
                i.a.values.map((v) => (
                  <div key={v}>
                    <code>{v}</code>
                  </div>
                ))
              ) : (
                <>
                  the addresses of <code>{i.cname.value}</code>
                </>
              )}
            </td>
          </tr>
        ) : (
          <tr>
            <td>CNAME</td>
            <td>
              <code>{i.cname.name}</code>
            </td>
            <td>
              <code>{i.cname.value}</code>
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function LastCheck({ d }: { d: TenantDomain }) {
  const r = d.lastResult;
  if (!r) return <p className="hint">Not checked yet.</p>;
  const seen = (label: string, values: string[]) => (
    <>
      <dt>{label}</dt>
      <dd>{values.length ? values.map((v) => <code key={v}>{v} </code>) : 'none'}</dd>
    </>
  );
  return (
    <>
      <p className="hint">
        Last checked {when(r.checkedAt)}: ownership {r.ownership ? 'proved' : 'not proved'}, routing{' '}
        {r.routing ? 'correct' : 'not correct'}.
      </p>
      {r.problem ? <Notice kind="warning">{r.problem}</Notice> : null}
      <dl>
        {seen(`TXT ${d.instructions.txt.name}`, r.records.txt)}
        {seen('CNAME', r.records.cname)}
        {seen('A', r.records.a)}
      </dl>
    </>
  );
}

export default function Domains() {
  const { user, domains } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const hasPrimary = domains.canonicalHost !== domains.defaultHost;
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>Domains</h1>
      {result ? <Notice kind={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
      <p>
        Served at <strong>{domains.canonicalHost}</strong>
        {hasPrimary ? (
          <>
            {' '}
            (<code>{domains.defaultHost}</code> redirects there)
          </>
        ) : null}
        .
      </p>
      {hasPrimary ? (
        <Form method="post">
          <Csrf />
          <button type="submit" name="intent" value="clear-primary" className="secondary">
            Serve at {domains.defaultHost} again
          </button>
        </Form>
      ) : null}
      <section className="card">
        <h2>Add a domain</h2>
        <Form method="post" className="toolbar">
          <Csrf />
          <Field
            label="Domain"
            name="domain"
            hint="For example shop.example.com"
            required
            defaultValue={result && !result.ok ? String(result.values?.domain ?? '') : undefined}
            error={result && !result.ok ? result.fields.domain : undefined}
          />
          <button type="submit" name="intent" value="add">
            Add domain
          </button>
        </Form>
        <p className="hint">
          A subdomain (<code>shop.example.com</code>) needs a CNAME record; a whole domain (
          <code>example.com</code>) needs A records. Both need the TXT record that proves it is yours. HTTPS
          certificates are issued once the domain is verified.
        </p>
      </section>
      {domains.data.length === 0 ? <p>No domains yet.</p> : null}
      {domains.data.map((d) => (
        <section className="card" key={d.id} aria-labelledby={`d-${d.id}`}>
          <h2 id={`d-${d.id}`}>
            {d.domain} <StatusBadge status={d.status} of="domain" />
            {d.primary ? <span className="badge"> primary</span> : null}
          </h2>
          {d.status === 'failing' && d.disableAt ? (
            <Notice kind="warning">
              Failing since {when(d.failingSince ?? d.disableAt)}: it will be disabled on {when(d.disableAt)}{' '}
              unless its records verify again.
            </Notice>
          ) : null}
          {d.status === 'disabled' ? (
            <Notice kind="error">Disabled: fix its DNS records and check it again.</Notice>
          ) : null}
          <h3>DNS records to create</h3>
          <Records d={d} />
          <h3>What the last check saw</h3>
          <LastCheck d={d} />
          <div className="toolbar">
            <Form method="post">
              <Csrf />
              <input type="hidden" name="id" value={d.id} />
              <button type="submit" name="intent" value="check">
                Check now
              </button>
            </Form>
            {d.status === 'verified' && !d.primary ? (
              <Form method="post">
                <Csrf />
                <input type="hidden" name="id" value={d.id} />
                <input type="hidden" name="name" value={d.domain} />
                <button type="submit" name="intent" value="primary" className="secondary">
                  Make primary
                </button>
              </Form>
            ) : null}
            <Form method="post" onSubmit={(e) => !confirm(`Remove ${d.domain}?`) && e.preventDefault()}>
              <Csrf />
              <input type="hidden" name="id" value={d.id} />
              <input type="hidden" name="name" value={d.domain} />
              <button type="submit" name="intent" value="remove" className="danger">
                Remove
              </button>
            </Form>
          </div>
        </section>
      ))}
    </Shell>
  );
}
