import type { SearchQuery } from '@agora/api-client';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { Money } from '../components/price.js';
import { apiFor } from '../context.js';

const PAGE_SIZE = 24;
const SORTS = [
  ['relevance', 'Best match'],
  ['price_asc', 'Price: low to high'],
  ['price_desc', 'Price: high to low'],
  ['newest', 'Newest'],
] as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.q ? `“${data.q}” — search` : 'Search the catalog' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const get = (k: string) => url.searchParams.get(k) ?? undefined;
  const query: SearchQuery = {
    q: get('q'),
    category: get('category'),
    vendor: get('vendor'),
    inStock: get('inStock'),
    priceMin: get('priceMin'),
    priceMax: get('priceMax'),
    qty: get('qty'),
    sort: get('sort'),
    page: get('page'),
    limit: PAGE_SIZE,
  };
  const result = await apiFor(context).search(query);
  return { q: query.q ?? '', result, page: Number(query.page ?? 1) || 1 };
}

export default function Search() {
  const { q, result, page } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const withParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    next.delete('page');
    return `/search?${next}`;
  };
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    return `/search?${next}`;
  };
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  return (
    <main className="page search-page">
      <Form method="get" className="search-bar" role="search">
        <input
          type="search"
          name="q"
          defaultValue={q}
          placeholder="Search products, SKUs, vendors"
          aria-label="Search"
        />
        {['category', 'vendor', 'inStock', 'qty'].map((k) =>
          params.get(k) ? <input key={k} type="hidden" name={k} value={params.get(k) ?? ''} /> : null,
        )}
        <select name="sort" defaultValue={params.get('sort') ?? 'relevance'} aria-label="Sort">
          {SORTS.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          Search
        </button>
      </Form>
      <div className="search-layout">
        <aside className="facets" aria-label="Filters">
          <h2>Category</h2>
          <ul>
            {result.facets.categories.map((c) => (
              <li key={c.id}>
                <Link
                  to={withParam('category', params.get('category') === c.id ? null : c.id)}
                  aria-current={params.get('category') === c.id ? 'true' : undefined}
                >
                  {c.name} <span className="count">{c.count}</span>
                </Link>
              </li>
            ))}
          </ul>
          <h2>Vendor</h2>
          <ul>
            {result.facets.vendors.map((v) => (
              <li key={v.id}>
                <Link
                  to={withParam('vendor', params.get('vendor') === v.id ? null : v.id)}
                  aria-current={params.get('vendor') === v.id ? 'true' : undefined}
                >
                  {v.name} <span className="count">{v.count}</span>
                </Link>
              </li>
            ))}
          </ul>
          <h2>Availability</h2>
          <Link to={withParam('inStock', params.get('inStock') ? null : 'true')}>
            {params.get('inStock') ? 'Show all' : 'In stock only'}
          </Link>
        </aside>
        <section aria-live="polite">
          <p className="result-count" data-testid="result-count">
            {result.total === 0
              ? 'No products match.'
              : `${result.total} product${result.total === 1 ? '' : 's'}`}
            {q ? ` for “${q}”` : ''}
          </p>
          {result.total === 0 ? (
            <div className="empty-state">
              <p>Try fewer or different words, or remove a filter.</p>
            </div>
          ) : (
            <ul className="product-grid">
              {result.items.map((p) => (
                <li key={p.id} className="product-card">
                  <Link to={`/products/${p.id}`}>
                    {p.imageUrl ? (
                      <img src={p.imageUrl} alt="" loading="lazy" />
                    ) : (
                      <div className="no-image" aria-hidden="true" />
                    )}
                    <h3>{p.title}</h3>
                  </Link>
                  <p className="vendor">
                    {p.vendor.name}{' '}
                    {p.vendor.verified ? <span className="badge-verified">Verified</span> : null}
                  </p>
                  <p className="price">
                    <Money minor={p.unitPriceMinor} currency={p.currency} />{' '}
                    <span className="unit">/ {p.unit}</span>
                  </p>
                  <p className="moq">
                    MOQ {p.minOrderQty} · {p.inStock ? 'In stock' : 'Made to order'}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {pages > 1 ? (
            <nav className="pagination" aria-label="Pages">
              {page > 1 ? <Link to={pageLink(page - 1)}>← Previous</Link> : null}
              <span>
                Page {page} of {pages}
              </span>
              {page < pages ? <Link to={pageLink(page + 1)}>Next →</Link> : null}
            </nav>
          ) : null}
        </section>
      </div>
    </main>
  );
}
