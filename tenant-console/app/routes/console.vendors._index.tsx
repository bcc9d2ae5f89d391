import { industryLabel } from '@agora/contracts';
import { statusLabel } from '@agora/contracts/labels';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser } from '../lib/session.server.js';
import { NextPage, Notice, Shell, StatusBadge } from '../lib/ui.js';
import { loadVendorQueue, QUEUE_FILTERS, queueHref } from '../lib/vendor-queue.js';

export const meta: MetaFunction = () => [{ title: 'Vendors' }];

const STATUSES = ['pending', 'info_requested', 'approved', 'rejected', 'suspended'];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const queue = await loadVendorQueue(api, new URL(request.url).searchParams);
  // Industries by label ("Industrial supplies", not "industrial-supplies"), on the server.
  const data = queue.page.data.map((v) => ({ ...v, industries: v.industries.map(industryLabel) }));
  return { user, ...queue, page: { ...queue.page, data } };
}

/** A filter's message from the API, shown under its input. */
function FilterError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <small id={`${id}-error`} className="error">
      {message}
    </small>
  ) : null;
}

export default function VendorQueue() {
  const { user, page, filters, error } = useLoaderData<typeof loader>();
  const fields = error?.fields ?? {};
  const isFilter = (k: string) => (QUEUE_FILTERS as readonly string[]).includes(k);
  // Messages for what has no input here (a hand-edited cursor or limit) go in the notice.
  const other = Object.entries(fields).filter(([k]) => !isFilter(k));
  const invalid = (name: string) =>
    fields[name] ? { 'aria-invalid': true, 'aria-describedby': `${name}-error` } : {};
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>Vendors</h1>
      {error ? (
        <Notice kind="error">
          No vendors shown:{' '}
          {Object.keys(fields).some(isFilter)
            ? 'some filters are not valid. Correct the marked fields and filter again.'
            : error.message}
          {other.map(([k, m]) => (
            <span key={k}>
              <br />
              {k} {m}
            </span>
          ))}
        </Notice>
      ) : null}
      <Form method="get" className="toolbar" role="search">
        <div className={`field${fields.q ? ' has-error' : ''}`}>
          <label htmlFor="q">Search</label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={filters.q}
            placeholder="Name or email"
            {...invalid('q')}
          />
          <FilterError id="q" message={fields.q} />
        </div>
        <div className={`field${fields.status ? ' has-error' : ''}`}>
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={filters.status} {...invalid('status')}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s, 'vendor')}
              </option>
            ))}
          </select>
          <FilterError id="status" message={fields.status} />
        </div>
        <div className={`field${fields.country ? ' has-error' : ''}`}>
          <label htmlFor="country">Country</label>
          <input
            id="country"
            name="country"
            defaultValue={filters.country}
            maxLength={2}
            size={4}
            {...invalid('country')}
          />
          <FilterError id="country" message={fields.country} />
        </div>
        <div className={`field${fields.industry ? ' has-error' : ''}`}>
          <label htmlFor="industry">Industry</label>
          <input id="industry" name="industry" defaultValue={filters.industry} {...invalid('industry')} />
          <FilterError id="industry" message={fields.industry} />
        </div>
        <div className={`field${fields.from ? ' has-error' : ''}`}>
          <label htmlFor="from">Applied from</label>
          <input id="from" name="from" type="date" defaultValue={filters.from} {...invalid('from')} />
          <FilterError id="from" message={fields.from} />
        </div>
        <div className={`field${fields.to ? ' has-error' : ''}`}>
          <label htmlFor="to">Applied to</label>
          <input id="to" name="to" type="date" defaultValue={filters.to} {...invalid('to')} />
          <FilterError id="to" message={fields.to} />
        </div>
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      {page.data.length === 0 ? (
        error ? null : (
          <div className="card empty">No vendor applications match.</div>
        )
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
                  <StatusBadge status={v.status} of="vendor" />
                </td>
                <td>{new Date(v.createdAt).toLocaleDateString('en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NextPage to={page.nextCursor ? queueHref(filters, page.nextCursor) : null} />
    </Shell>
  );
}
