import { ApiError } from '@agora/api-client';
import type { OrderPage } from '@agora/contracts';
import { statusLabel } from '@agora/contracts/labels';
import { ORDER_STATUSES } from '@agora/contracts/order-transitions';
import type { MetaFunction } from '@remix-run/react';
import { Form, useLoaderData } from '@remix-run/react';
import { json, type LoaderFunctionArgs } from '@remix-run/server-runtime';
import { AppLink } from '../components/app-link.js';
import { Money } from '../components/price.js';
import { When } from '../components/when.js';
import { requireBuyer } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Your orders' }];

const FILTERS = ['status', 'from', 'to', 'q'] as const;

/** A buyer's orders (a company admin: the company's), newest first, with filters and pages. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireBuyer(request, context);
  const params = new URL(request.url).searchParams;
  const filters: Record<string, string> = {};
  for (const k of FILTERS) {
    const v = params.get(k);
    if (v) filters[k] = v;
  }
  const headers = { 'cache-control': 'private, no-store' };
  try {
    const page = await api.buyerOrders({ ...filters, cursor: params.get('cursor') ?? undefined });
    return json({ user, filters, page, error: null as string | null }, { headers });
  } catch (e) {
    if (e instanceof ApiError && e.status === 400)
      return json(
        {
          user,
          filters,
          page: { data: [], nextCursor: null } as OrderPage,
          error: `${e.message}: ${Object.entries(e.fieldErrors)
            .map(([k, m]) => `${k} ${m}`)
            .join('; ')}`,
        },
        { status: 400, headers },
      );
    throw e;
  }
}

const query = (filters: Record<string, string>, extra: Record<string, string> = {}) =>
  new URLSearchParams({ ...filters, ...extra }).toString();

export default function Orders() {
  const { user, filters, page, error } = useLoaderData<typeof loader>();
  return (
    <main className="page narrow-page">
      <p>
        <AppLink to="/account">← Your account</AppLink>
      </p>
      <h1>{user.role === 'buyer_admin' ? `Orders of ${user.companyName}` : 'Your orders'}</h1>
      {error ? (
        <p className="notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <Form method="get" className="stack" role="search" aria-label="Filter orders">
        <div className="field">
          <label htmlFor="q">Order number or PO</label>
          <input id="q" name="q" type="search" defaultValue={filters.q} />
        </div>
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={filters.status ?? ''}>
            <option value="">Any</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="from">Placed from</label>
          <input id="from" name="from" type="date" defaultValue={filters.from} />
        </div>
        <div className="field">
          <label htmlFor="to">Placed to</label>
          <input id="to" name="to" type="date" defaultValue={filters.to} />
        </div>
        <button type="submit" className="button secondary">
          Filter
        </button>
      </Form>
      {page.data.length === 0 && !error ? <p className="card empty">No orders match.</p> : null}
      <ul className="order-list" data-testid="order-list">
        {page.data.map((o) => (
          <li key={o.id} className="card">
            <p>
              <AppLink to={`/account/orders/${o.id}`}>
                <strong>{o.vendorName}</strong> · {o.id}
              </AppLink>
            </p>
            <p>
              <span className={`badge badge-${o.status}`}>{statusLabel(o.status)}</span>{' '}
              <Money minor={o.totalMinor} currency={o.currency} /> · placed <When at={o.placedAt} date />
              {o.poNumber ? ` · PO ${o.poNumber}` : ''}
              {user.role === 'buyer_admin' ? ` · ${o.buyerName}` : ''}
            </p>
          </li>
        ))}
      </ul>
      {page.nextCursor ? (
        <p>
          <AppLink to={`/account/orders?${query(filters, { cursor: page.nextCursor })}`}>
            Older orders →
          </AppLink>
        </p>
      ) : null}
    </main>
  );
}
