import { statusLabel } from '@agora/contracts/labels';
import { formatMoney } from '@agora/ui/money';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser } from '../lib/session.server.js';
import { NextPage, Notice, Shell, StatusBadge } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Products' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const url = new URL(request.url);
  const filters = {
    q: url.searchParams.get('q') ?? '',
    status: url.searchParams.get('status') ?? '',
    cursor: url.searchParams.get('cursor') ?? '',
  };
  const [page, profile] = await Promise.all([
    api.vendorProducts({ ...filters, limit: 25 }),
    api.vendorProfile(),
  ]);
  return { user, page, filters, vendor: profile };
}

export default function Products() {
  const { user, page, filters, vendor } = useLoaderData<typeof loader>();
  const next = new URLSearchParams({ ...filters, cursor: page.nextCursor ?? '' });
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <div className="toolbar">
        <h1 style={{ flex: 1 }}>Products</h1>
        <Link className="button secondary" to="/console/products/import">
          Import CSV
        </Link>
        <Link className="button" to="/console/products/new">
          New product
        </Link>
      </div>
      {vendor.status !== 'approved' ? (
        <Notice kind="warning">
          Your vendor account is {statusLabel(vendor.status, 'vendor')}
          {vendor.statusReason ? `: ${vendor.statusReason}` : ''}. You can prepare products; they can be
          published once the marketplace approves you.
        </Notice>
      ) : null}
      <Form method="get" className="toolbar" role="search">
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" name="q" type="search" defaultValue={filters.q} placeholder="Title or SKU" />
        </div>
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={filters.status}>
            <option value="">Any</option>
            {['draft', 'pending_review', 'published', 'archived'].map((s) => (
              <option key={s} value={s}>
                {statusLabel(s, 'product')}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      {page.data.length === 0 ? (
        <div className="card empty">No products yet. Create one, or import a CSV.</div>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Title</th>
              <th>SKU</th>
              <th>List price</th>
              <th>Stock</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/console/products/${p.id}`}>{p.title}</Link>
                </td>
                <td>{p.sku}</td>
                <td>{formatMoney(p.basePriceMinor, p.currency)}</td>
                <td>{p.stockQty}</td>
                <td>
                  <StatusBadge status={p.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NextPage to={page.nextCursor ? `/console/products?${next}` : null} />
    </Shell>
  );
}
