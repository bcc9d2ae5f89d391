import { Form, type MetaFunction, useLoaderData } from '@remix-run/react';
import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { AppLink } from '../components/app-link.js';
import { RefusedParamsNotice, withoutRefusedParams } from '../components/refused-params.js';
import { apiFor } from '../context.js';
import { industryLabel, industryOptions } from '../industries.server.js';

export const meta: MetaFunction = () => [{ title: 'Vendors' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filters = {
    country: url.searchParams.get('country') ?? '',
    industry: url.searchParams.get('industry') ?? '',
    verified: url.searchParams.get('verified') ?? '',
    cursor: url.searchParams.get('cursor') ?? '',
  };
  // A filter the API refuses is left out and named on the page (see withoutRefusedParams).
  const { result, query, refused } = await withoutRefusedParams(
    filters,
    ['country', 'industry', 'verified', 'cursor'],
    (f) => apiFor(context).vendors({ ...f, limit: 24 }),
  );
  const kept = {
    country: query.country ?? '',
    industry: query.industry ?? '',
    verified: query.verified ?? '',
    cursor: query.cursor ?? '',
  };
  // Industries by label, not by id ("Industrial supplies", not "industrial-supplies").
  const page = {
    ...result,
    data: result.data.map((v) => ({ ...v, industries: v.industries.map(industryLabel) })),
  };
  return { page, filters: kept, refused, industries: industryOptions() };
}

export default function Vendors() {
  const { page, filters, refused, industries } = useLoaderData<typeof loader>();
  const next = new URLSearchParams({ ...filters, cursor: page.nextCursor ?? '' });
  return (
    <main className="page">
      <h1>Vendors</h1>
      <Form method="get" className="filters">
        <label>
          Country <input name="country" defaultValue={filters.country} placeholder="e.g. DE" maxLength={2} />
        </label>
        <label>
          Industry{' '}
          <select name="industry" defaultValue={filters.industry}>
            <option value="">Any</option>
            {industries.map((i) => (
              <option key={i.value} value={i.value}>
                {i.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" name="verified" value="true" defaultChecked={filters.verified === 'true'} />{' '}
          Verified only
        </label>
        <button type="submit" className="button">
          Filter
        </button>
      </Form>
      <RefusedParamsNotice refused={refused} />
      {page.data.length === 0 ? (
        <div className="empty-state">
          <p>No vendors match yet.</p>
          <AppLink to="/sell">Become the first</AppLink>
        </div>
      ) : (
        <ul className="vendor-grid">
          {page.data.map((v) => (
            <li key={v.id} className="vendor-card">
              <h2>
                <AppLink to={`/vendors/${v.id}`}>{v.name}</AppLink>{' '}
                {v.verified ? <span className="badge-verified">Verified</span> : null}
              </h2>
              <p>
                {v.country} · {v.industries.join(', ')}
              </p>
              <p>{v.description.slice(0, 160)}</p>
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor ? (
        <p>
          <AppLink to={`/vendors?${next}`}>More vendors →</AppLink>
        </p>
      ) : null}
    </main>
  );
}
