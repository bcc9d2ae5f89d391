import { ApiError, type CompanySummaryPage } from '@agora/api-client';
import { statusLabel } from '@agora/contracts/labels';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser } from '../lib/session.server.js';
import { NextPage, Notice, Shell, StatusBadge } from '../lib/ui.js';
import { When } from '../lib/when.js';

export const meta: MetaFunction = () => [{ title: 'Buyer companies' }];

const STATUSES = ['pending', 'info_requested', 'approved', 'rejected', 'suspended'];
const PAGE_SIZE = 25;

/** The buyer queue's link with these filters and, for the next page, a cursor. */
function queueHref(filters: { q: string; status: string }, cursor?: string | null) {
  const query = new URLSearchParams();
  if (filters.q) query.set('q', filters.q);
  if (filters.status) query.set('status', filters.status);
  if (cursor) query.set('cursor', cursor);
  const qs = query.toString();
  return qs ? `/console/companies?${qs}` : '/console/companies';
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const params = new URL(request.url).searchParams;
  const filters = { q: params.get('q')?.trim() ?? '', status: params.get('status')?.trim() ?? '' };
  let page: CompanySummaryPage = { data: [], nextCursor: null };
  let error: { message: string; fields: Record<string, string> } | null = null;
  try {
    page = await api.operatorCompanies({ ...filters, cursor: params.get('cursor') ?? '', limit: PAGE_SIZE });
  } catch (e) {
    // Filters come from the address: the API's 400 is an empty page with its messages.
    if (!(e instanceof ApiError && e.status === 400)) throw e;
    error = { message: e.message, fields: e.fieldErrors };
  }
  return { user, filters, page, error };
}

export default function CompanyQueue() {
  const { user, filters, page, error } = useLoaderData<typeof loader>();
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>Buyer companies</h1>
      {error ? (
        <Notice kind="error">
          No companies shown: {Object.values(error.fields).join('; ') || error.message}
        </Notice>
      ) : null}
      <Form method="get" className="toolbar" role="search">
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" name="q" type="search" defaultValue={filters.q} placeholder="Legal name or tax id" />
        </div>
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={filters.status}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s, 'company')}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      {page.data.length === 0 ? (
        error ? null : (
          <div className="card empty">No buyer companies match.</div>
        )
      ) : (
        <div>
          <table data-testid="companies">
            <thead>
              <tr>
                <th>Company</th>
                <th>Country</th>
                <th>Admin</th>
                <th>Members</th>
                <th>Status</th>
                <th>Signed up</th>
              </tr>
            </thead>
            <tbody>
              {page.data.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/console/companies/${c.id}`}>{c.legalName}</Link>
                  </td>
                  <td>{c.country}</td>
                  <td>{c.adminEmail ?? '—'}</td>
                  <td>{c.members}</td>
                  <td>
                    <StatusBadge status={c.status} of="company" />
                  </td>
                  <td>
                    <When at={c.createdAt} date />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NextPage to={page.nextCursor ? queueHref(filters, page.nextCursor) : null} />
    </Shell>
  );
}
