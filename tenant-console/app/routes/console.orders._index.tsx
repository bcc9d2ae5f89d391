import { ApiError } from '@agora/api-client';
import type { OrderPage } from '@agora/contracts';
import { statusLabel } from '@agora/contracts/labels';
import { ORDER_STATUSES } from '@agora/contracts/order-transitions';
import { formatMoney } from '@agora/ui/money';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { orderApi, orderFilters } from '../lib/orders.server.js';
import { requireTenantUser } from '../lib/session.server.js';
import { NextPage, Notice, Shell, StatusBadge } from '../lib/ui.js';
import { When } from '../lib/when.js';

export const meta: MetaFunction = () => [{ title: 'Orders' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const params = new URL(request.url).searchParams;
  const filters = orderFilters(params);
  const orders = orderApi(api, user.role);
  try {
    const page = await orders.list({ ...filters, cursor: params.get('cursor') ?? undefined });
    return { user, vendor: orders.vendor, filters, page, error: null };
  } catch (e) {
    if (e instanceof ApiError && e.status === 400)
      return {
        user,
        vendor: orders.vendor,
        filters,
        page: { data: [] as OrderPage['data'], nextCursor: null as string | null },
        error: { message: e.message, fields: e.fieldErrors },
      };
    throw e;
  }
}

const query = (filters: Record<string, string>, extra: Record<string, string> = {}) =>
  new URLSearchParams({ ...filters, ...extra }).toString();

/** Orders: a vendor's own, or every order for an operator; filters, keyset pages, CSV. */
export default function Orders() {
  const { user, vendor, filters, page, error } = useLoaderData<typeof loader>();
  const fields = error?.fields ?? {};
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>Orders</h1>
      {error ? (
        <Notice kind="error">
          No orders shown: {error.message}
          {Object.entries(fields).map(([k, m]) => (
            <span key={k}>
              <br />
              {k} {m}
            </span>
          ))}
        </Notice>
      ) : null}
      <Form method="get" className="toolbar" role="search">
        <div className="field">
          <label htmlFor="q">Order or PO</label>
          <input id="q" name="q" type="search" defaultValue={filters.q} />
        </div>
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={filters.status}>
            <option value="">Any</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        {vendor ? null : (
          <div className="field">
            <label htmlFor="vendorId">Vendor id</label>
            <input id="vendorId" name="vendorId" defaultValue={filters.vendorId} size={12} />
          </div>
        )}
        <div className="field">
          <label htmlFor="from">Placed from</label>
          <input id="from" name="from" type="date" defaultValue={filters.from} />
        </div>
        <div className="field">
          <label htmlFor="to">Placed to</label>
          <input id="to" name="to" type="date" defaultValue={filters.to} />
        </div>
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      <p>
        <a href={`/console/orders/csv?${query(filters)}`} download>
          Export these orders as CSV
        </a>
      </p>
      {page.data.length === 0 ? (
        error ? null : (
          <div className="card empty">No orders match.</div>
        )
      ) : (
        <table>
          <thead>
            <tr>
              <th>Order</th>
              <th>Placed</th>
              {vendor ? null : <th>Vendor</th>}
              <th>Buyer</th>
              <th>Total</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((o) => (
              <tr key={o.id}>
                <td>
                  <Link to={`/console/orders/${o.id}`}>{o.id}</Link>
                  {o.poNumber ? <div className="hint">PO {o.poNumber}</div> : null}
                </td>
                <td>
                  <When at={o.placedAt} date />
                </td>
                {vendor ? null : <td>{o.vendorName}</td>}
                <td>
                  {o.companyName}
                  <div className="hint">{o.buyerName}</div>
                </td>
                <td>{formatMoney(o.totalMinor, o.currency)}</td>
                <td>
                  <StatusBadge status={o.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NextPage
        to={page.nextCursor ? `/console/orders?${query(filters, { cursor: page.nextCursor })}` : null}
      />
    </Shell>
  );
}
