import { ApiError, type CheckoutGroup } from '@agora/api-client';
import { DeclineCheckoutBody } from '@agora/contracts';
import { statusLabel } from '@agora/contracts/labels';
import { formatAddress } from '@agora/ui/address';
import { FieldErrors } from '@agora/ui/form-fields';
import { apiErrorReply, type FormReply, parseForm } from '@agora/ui/forms';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from '@remix-run/react';
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, redirect } from '@remix-run/server-runtime';
import { requireApprover } from '../approver.server.js';
import { AppLink } from '../components/app-link.js';
import { NotFoundOrError } from '../components/not-found.js';
import { Money } from '../components/price.js';
import { verifiedForm } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Approve an order' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { api } = await requireApprover(request, context);
  try {
    const group = await api.checkout(params.id ?? '');
    return json({ group }, { headers: { 'cache-control': 'private, no-store' } });
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400))
      throw new Response('No such order.', { status: 404 });
    throw e;
  }
}

/** Approve (placed now, checked again) or decline with a reason. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { api } = await requireApprover(request, context);
  const form = await verifiedForm(request);
  const id = params.id ?? '';
  try {
    if (form.get('intent') === 'approve') {
      await api.approveCheckout(id);
      return redirect(`/account/approvals/${id}`);
    }
    const submission = parseForm(DeclineCheckoutBody, form, { what: 'decision' });
    if (!submission.ok) return json<FormReply>(submission.reply, { status: 400 });
    await api.declineCheckout(id, submission.value.reason);
    return redirect(`/account/approvals/${id}`);
  } catch (e) {
    if (e instanceof ApiError && e.status < 500 && e.status !== 404)
      return json<FormReply>(apiErrorReply(e, null, 'decision', { keepMessage: true }), { status: e.status });
    throw e;
  }
}

export default function ApprovalDetail() {
  const { group } = useLoaderData<typeof loader>() as { group: CheckoutGroup };
  const data = useActionData<typeof action>() as FormReply | undefined;
  const csrf = useRouteLoaderData<{ csrf: string | null }>('root')?.csrf ?? '';
  const busy = useNavigation().state === 'submitting';
  return (
    <main className="page narrow-page">
      <p>
        <AppLink to="/account/approvals">All waiting orders</AppLink>
      </p>
      <h1>
        Order of <Money minor={group.totalMinor} currency={group.currency} /> by{' '}
        {group.buyer.name || group.buyer.email}
      </h1>
      <p data-testid="approval-status">
        {statusLabel(group.status)}
        {group.decidedBy ? ` by ${group.decidedBy.name || group.decidedBy.email}` : ''}
        {group.decisionReason ? `: ${group.decisionReason}` : ''}
      </p>
      {data?.message ? (
        <p className="notice-error" role="alert">
          {data.message}
        </p>
      ) : null}
      <section className="card">
        <table>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Vendor</th>
              <th scope="col">Qty</th>
              <th scope="col">Unit price</th>
            </tr>
          </thead>
          <tbody>
            {group.lines.map((l) => (
              <tr key={`${l.vendor.id}-${l.productId}`}>
                <td>
                  {l.title} <span className="hint">{l.sku}</span>
                </td>
                <td>{l.vendor.name}</td>
                <td>{l.qty.toLocaleString('en-US')}</td>
                <td>
                  {l.unitPriceMinor === null ? (
                    '—'
                  ) : (
                    <Money minor={l.unitPriceMinor} currency={group.currency} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {group.poNumber ? <p>PO number: {group.poNumber}</p> : null}
        {group.shippingAddress ? <p>Ship to: {formatAddress(group.shippingAddress)}</p> : null}
      </section>
      {group.status === 'awaiting_approval' ? (
        <div className="stack">
          <Form method="post">
            <input type="hidden" name="csrf" value={csrf} />
            <p className="hint">
              Approving places the order now; prices, stock and credit are checked again.
            </p>
            <button
              type="submit"
              name="intent"
              value="approve"
              className="button"
              disabled={busy}
              data-testid="approve"
            >
              Approve and place
            </button>
          </Form>
          <Form method="post" className="stack">
            <input type="hidden" name="csrf" value={csrf} />
            <input type="hidden" name="intent" value="decline" />
            <div className="field">
              <label htmlFor="f-reason">Reason for declining</label>
              <textarea
                id="f-reason"
                name="reason"
                rows={3}
                maxLength={500}
                aria-invalid={data?.fields?.reason ? true : undefined}
                aria-describedby={data?.fields?.reason ? 'f-reason-error' : undefined}
              />
              <FieldErrors name="reason" errors={data?.fields?.reason} />
            </div>
            <button type="submit" className="button danger" disabled={busy}>
              Decline
            </button>
          </Form>
        </div>
      ) : group.orders.length ? (
        <ul>
          {group.orders.map((o) => (
            <li key={o.id} data-testid="placed-order">
              {o.vendor.name}: order <code>{o.id}</code>,{' '}
              <Money minor={o.totalMinor} currency={group.currency} />
            </li>
          ))}
        </ul>
      ) : null}
    </main>
  );
}

export function ErrorBoundary() {
  return (
    <NotFoundOrError
      title="Order not found"
      message="There is no such order waiting in your company."
      to="/account/approvals"
      linkLabel="Orders waiting for approval"
    />
  );
}
