import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser } from '../lib/session.server.js';
import { Shell, StatusBadge } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Vendors' }];

const STATUSES = ['pending', 'info_requested', 'approved', 'rejected', 'suspended'];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const url = new URL(request.url);
  const filters = Object.fromEntries(
    ['status', 'country', 'industry', 'q', 'cursor'].map((k) => [k, url.searchParams.get(k) ?? '']),
  );
  const page = await api.operatorVendors({ ...filters, limit: 25 });
  return { user, page, filters };
}

export default function VendorQueue() {
  const { user, page, filters } = useLoaderData<typeof loader>();
  const next = new URLSearchParams({ ...filters, cursor: page.nextCursor ?? '' });
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>Vendors</h1>
      <Form method="get" className="toolbar" role="search">
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" name="q" type="search" defaultValue={filters.q} placeholder="Name or email" />
        </div>
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={filters.status}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="country">Country</label>
          <input id="country" name="country" defaultValue={filters.country} maxLength={2} size={4} />
        </div>
        <div className="field">
          <label htmlFor="industry">Industry</label>
          <input id="industry" name="industry" defaultValue={filters.industry} />
        </div>
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      {page.data.length === 0 ? (
        <div className="card empty">No vendor applications match.</div>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Vendor</th>
              <th>Country</th>
              <th>Industries</th>
              <th>Status</th>
              <th>Applied</th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((v) => (
              <tr key={v.id}>
                <td>
                  <Link to={`/console/vendors/${v.id}`}>{v.name}</Link>
                </td>
                <td>{v.country}</td>
                <td>{v.industries.join(', ')}</td>
                <td>
                  <StatusBadge status={v.status} />
                </td>
                <td>{new Date(v.createdAt).toLocaleDateString('en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.nextCursor ? (
        <p>
          <Link to={`/console/vendors?${next}`}>Next page →</Link>
        </p>
      ) : null}
    </Shell>
  );
}
