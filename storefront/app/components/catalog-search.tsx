import type { SearchQuery, SearchResult } from '@agora/api-client';
import { Form, useLocation, useSearchParams } from '@remix-run/react';
import { AppLink } from './app-link.js';
import { ProductCard } from './product-card.js';

/** Products per page on every catalog listing (search, category pages). */
export const PAGE_SIZE = 24;

const SORTS = [
  ['relevance', 'Best match'],
  ['price_asc', 'Price: low to high'],
  ['price_desc', 'Price: high to low'],
  ['newest', 'Newest'],
] as const;

/** The search API query a listing page's address asks for (filters, sort, page). */
export function searchQueryFrom(url: URL): SearchQuery {
  const get = (k: string) => url.searchParams.get(k) ?? undefined;
  return {
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
}

/** `pathname` with the current query, `key` set (or removed when null), back on the first page. */
export function hrefWith(pathname: string, params: URLSearchParams, key: string, value: string | null) {
  const next = new URLSearchParams(params);
  if (value === null) next.delete(key);
  else next.set(key, value);
  next.delete('page');
  return `${pathname}?${next}`;
}

type FacetCategory = SearchResult['facets']['categories'][number];

/** Where a category facet entry leads and whether it is the current one; null leaves it out. */
export type CategoryFacetLink = (
  category: FacetCategory,
  at: { pathname: string; params: URLSearchParams },
) => { to: string; current: boolean } | null;

/** The search page's facet: a category toggles the `category` filter. */
const toggleCategoryFilter: CategoryFacetLink = (c, { pathname, params }) => {
  const current = params.get('category') === c.id;
  return { to: hrefWith(pathname, params, 'category', current ? null : c.id), current };
};

/**
 * The search box, facets, results and pagination of a catalog listing. Links keep the page's own
 * path, so the same markup serves /search and the category pages.
 */
export function CatalogSearch({
  q,
  result,
  page,
  placeholder = 'Search products, SKUs, vendors',
  categoryLink = toggleCategoryFilter,
}: {
  q: string;
  result: SearchResult;
  page: number;
  placeholder?: string;
  categoryLink?: CategoryFacetLink;
}) {
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const withParam = (key: string, value: string | null) => hrefWith(pathname, params, key, value);
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    return `${pathname}?${next}`;
  };
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const categories = result.facets.categories.flatMap((c) => {
    const link = categoryLink(c, { pathname, params });
    return link ? [{ ...c, ...link }] : [];
  });
  return (
    <>
      <Form method="get" className="search-bar" role="search">
        <input type="search" name="q" defaultValue={q} placeholder={placeholder} aria-label="Search" />
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
            {categories.map((c) => (
              <li key={c.id}>
                <AppLink to={c.to} aria-current={c.current ? 'true' : undefined}>
                  {c.name} <span className="count">{c.count}</span>
                </AppLink>
              </li>
            ))}
          </ul>
          <h2>Vendor</h2>
          <ul>
            {result.facets.vendors.map((v) => (
              <li key={v.id}>
                <AppLink
                  to={withParam('vendor', params.get('vendor') === v.id ? null : v.id)}
                  aria-current={params.get('vendor') === v.id ? 'true' : undefined}
                >
                  {v.name} <span className="count">{v.count}</span>
                </AppLink>
              </li>
            ))}
          </ul>
          <h2>Availability</h2>
          <AppLink to={withParam('inStock', params.get('inStock') ? null : 'true')}>
            {params.get('inStock') ? 'Show all' : 'In stock only'}
          </AppLink>
        </aside>
        <section aria-live="polite">
          <p className="result-count" data-testid="result-count">
            {result.total === 0 ? 'No products match.' : `${productCount(result.total, result.totalCapped)}`}
            {q ? ` for “${q}”` : ''}
          </p>
          {result.total === 0 ? (
            <div className="empty-state">
              <p>Try fewer or different words, or remove a filter.</p>
            </div>
          ) : (
            <ul className="product-grid">
              {result.items.map((p) => (
                <ProductCard key={p.id} product={p} />
              ))}
            </ul>
          )}
          {pages > 1 ? (
            <nav className="pagination" aria-label="Pages">
              {page > 1 ? <AppLink to={pageLink(page - 1)}>← Previous</AppLink> : null}
              <span>
                Page {page} of {pages}
              </span>
              {page < pages ? <AppLink to={pageLink(page + 1)}>Next →</AppLink> : null}
            </nav>
          ) : null}
        </section>
      </div>
    </>
  );
}

/** "1 product", "24 products", "1,000+ products" (the API stops counting at a cap). */
export function productCount(total: number, capped = false): string {
  return `${total.toLocaleString('en-US')}${capped ? '+' : ''} product${total === 1 && !capped ? '' : 's'}`;
}
