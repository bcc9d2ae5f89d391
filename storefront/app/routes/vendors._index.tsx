import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { AppLink } from '../components/app-link.js';
import { apiFor } from '../context.js';

export const meta: MetaFunction = () => [{ title: 'Vendors' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filters = {
    country: url.searchParams.get('country') ?? '',
    industry: url.searchParams.get('industry') ?? '',
    verified: url.searchParams.get('verified') ?? '',
    cursor: url.searchParams.get('cursor') ?? '',
  };
  const page = await apiFor(context).vendors({ ...filters, limit: 24 });
  return { page, filters };
}

export default function Vendors() {
  const { page, filters } = useLoaderData<typeof loader>();
  const next = new URLSearchParams({ ...filters, cursor: page.nextCursor ?? '' });
  return (
    <main className="page">
      <h1>Vendors</h1>
      <Form method="get" className="filters">
        <label>
          Country <input name="country" defaultValue={filters.country} placeholder="e.g. DE" maxLength={2} />
        </label>
        <label>
          Industry <input name="industry" defaultValue={filters.industry} placeholder="e.g. packaging" />
        </label>
        <label>
          <input type="checkbox" name="verified" value="true" defaultChecked={filters.verified === 'true'} />{' '}
          Verified only
        </label>
        <button type="submit" className="button">
          Filter
        </button>
      </Form>
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
