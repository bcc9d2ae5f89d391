import { ApiError, type CheckoutGroup } from '@agora/api-client';
import { statusLabel } from '@agora/contracts/labels';
import type { MetaFunction } from '@remix-run/react';
import { useLoaderData } from '@remix-run/react';
import { json, type LoaderFunctionArgs } from '@remix-run/server-runtime';
import { AppLink } from '../components/app-link.js';
import { NotFoundOrError } from '../components/not-found.js';
import { Money } from '../components/price.js';
import { requireBuyer } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Your order' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { api } = await requireBuyer(request, context);
  try {
    const group = await api.checkout(params.groupId ?? '');
    return json({ group }, { headers: { 'cache-control': 'private, no-store' } });
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400))
      throw new Response('No such order.', { status: 404 });
    throw e;
  }
}

/** After checkout: the orders placed, or the checkout waiting for an approver. */
export default function CheckoutDone() {
  const { group } = useLoaderData<typeof loader>() as { group: CheckoutGroup };
  return (
    <main className="page narrow-page">
      {group.status === 'placed' ? (
        <>
          <h1 data-testid="checkout-done">Thank you: your order is placed</h1>
          <p>
            {group.orders.length === 1 ? 'One order' : `${group.orders.length} orders`}, one per vendor. Each
            vendor confirms its order and ships it; we emailed you a confirmation.
          </p>
        </>
      ) : group.status === 'awaiting_approval' ? (
        <>
          <h1 data-testid="checkout-waiting">Your order waits for approval</h1>
          <p className="notice-info">
            It is over your spending limit, so an approver of your company decides. Nothing is ordered until
            then; you will get an email either way.
          </p>
        </>
      ) : (
        <>
          <h1>Your order was declined</h1>
          {group.decisionReason ? <p className="notice-warning">Reason: {group.decisionReason}</p> : null}
        </>
      )}
      <section className="card" data-testid="checkout-group">
        <p>
          Reference <code>{group.id}</code> · {statusLabel(group.status)} ·{' '}
          <strong>
            <Money minor={group.totalMinor} currency={group.currency} />
          </strong>
          {group.poNumber ? ` · PO ${group.poNumber}` : ''}
        </p>
        {group.orders.length ? (
          <ul>
            {group.orders.map((o) => (
              <li key={o.id} data-testid="placed-order">
                {o.vendor.name}: order <code>{o.id}</code>,{' '}
                <Money minor={o.totalMinor} currency={group.currency} /> ({statusLabel(o.status)})
              </li>
            ))}
          </ul>
        ) : (
          <ul>
            {group.lines.map((l) => (
              <li key={l.productId}>
                {l.qty.toLocaleString('en-US')} × {l.title} ({l.vendor.name})
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <AppLink to="/account/checkouts">Your checkouts</AppLink> ·{' '}
        <AppLink to="/search">Continue shopping</AppLink>
      </p>
    </main>
  );
}

export function ErrorBoundary() {
  return (
    <NotFoundOrError
      title="Order not found"
      message="There is no such order in your account."
      to="/account"
      linkLabel="Your account"
    />
  );
}
