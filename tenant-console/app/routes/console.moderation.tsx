import { ApiError } from '@agora/api-client';
import { apiErrorReply, okReply } from '@agora/ui/forms';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Csrf, Field, NextPage, Notice, Shell } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Moderation' }];

const price = (minor: number, currency: string) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const cursor = new URL(request.url).searchParams.get('cursor') ?? '';
  const page = await api.operatorProducts({ status: 'pending_review', cursor, limit: 25 });
  return { user, page };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
  const decision = String(form.get('decision'));
  if (decision !== 'approve' && decision !== 'reject')
    throw new Response('Unknown decision', { status: 400 });
  const id = String(form.get('id') ?? '');
  const title = String(form.get('title') ?? 'The product');
  try {
    await api.moderateProduct(id, decision, String(form.get('reason') ?? '').trim());
    return {
      ...okReply(decision === 'approve' ? `${title} is published.` : `${title} went back to the vendor.`),
      id,
    };
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return { ...apiErrorReply(e, null, 'decision'), id };
    throw e;
  }
}

export default function Moderation() {
  const { user, page } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>Moderation</h1>
      <p className="hint">
        Products waiting for review, oldest first. Whether publishing needs review is set in{' '}
        <Link to="/console/settings">Settings</Link>.
      </p>
      {result ? <Notice kind={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
      {page.data.length === 0 ? (
        <div className="card empty">No products are waiting for review.</div>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Product</th>
              <th>Vendor</th>
              <th>Price</th>
              <th>Submitted</th>
              <th>Decision</th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((p) => {
              const errors = result && !result.ok && result.id === p.id ? result.fields : {};
              return (
                <tr key={p.id}>
                  <td>
                    <Link to={`/console/moderation/${p.id}`}>{p.title}</Link>
                    <br />
                    <small className="hint">{p.sku}</small>
                  </td>
                  <td>{p.vendor.name}</td>
                  <td>
                    {price(p.basePriceMinor, p.currency)} / {p.unit}
                    <br />
                    <small className="hint">minimum {p.minOrderQty}</small>
                  </td>
                  <td>{new Date(p.updatedAt).toLocaleDateString('en-GB')}</td>
                  <td>
                    <Form method="post" className="decision">
                      <Csrf />
                      <input type="hidden" name="id" value={p.id} />
                      <input type="hidden" name="title" value={p.title} />
                      <button type="submit" name="decision" value="approve">
                        Approve
                      </button>
                    </Form>
                    <Form method="post" className="decision toolbar">
                      <Csrf />
                      <input type="hidden" name="id" value={p.id} />
                      <input type="hidden" name="title" value={p.title} />
                      <Field
                        id={`f-${p.id}-reason`}
                        label={`Reason to reject ${p.title} (sent to the vendor)`}
                        name="reason"
                        required
                        error={errors.reason}
                      />
                      <button type="submit" name="decision" value="reject" className="danger">
                        Reject
                      </button>
                    </Form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <NextPage
        to={
          page.nextCursor ? `/console/moderation?${new URLSearchParams({ cursor: page.nextCursor })}` : null
        }
      />
    </Shell>
  );
}
