import type { SearchResult } from '@agora/api-client';
import { SEARCH_ADDRESS_PARAMS } from '@agora/contracts/search-params';
import { Form, useLocation, useSearchParams } from '@remix-run/react';
import { AppLink } from './app-link.js';
import { PriceFilter } from './price-filter.js';
import { ProductCard } from './product-card.js';
import { keptParams, type RefusedParam, RefusedParamsNotice } from './refused-params.js';
import { SearchSpellingNotice } from './search-spelling.js';

/** Products per page on every catalog listing (search, category pages). */
export const PAGE_SIZE = 24;

const SORTS = [
  ['relevance', 'Best match'],
  ['price_asc', 'Price: low to high'],
  ['price_desc', 'Price: high to low'],
  ['newest', 'Newest'],
] as const;

/** The filters a new search from the box keeps: every address parameter but the words, sort and page. */
const KEPT_BY_SEARCH_BOX = SEARCH_ADDRESS_PARAMS.filter((k) => k !== 'q' && k !== 'sort' && k !== 'page');

/** Pages a result fills (at least one, the empty one). */
export const pageCount = (total: number) => Math.max(1, Math.ceil(total / PAGE_SIZE));

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
  refused = [],
  pastEnd = null,
}: {
  q: string;
  result: SearchResult;
  page: number;
  placeholder?: string;
  categoryLink?: CategoryFacetLink;
  /** Address parameters the loader left out: named above the results, dropped from links. */
  refused?: readonly RefusedParam[];
  /** The page number asked for when it is past the last page. */
  pastEnd?: number | null;
}) {
  const [address] = useSearchParams();
  const params = keptParams(address, refused);
  const { pathname } = useLocation();
  const withParam = (key: string, value: string | null) => hrefWith(pathname, params, key, value);
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    return `${pathname}?${next}`;
  };
  const pages = pageCount(result.total);
  const categories = result.facets.categories.flatMap((c) => {
    const link = categoryLink(c, { pathname, params });
    return link ? [{ ...c, ...link }] : [];
  });
  return (
    <>
      {/* Keyed by the address: after a client-side navigation the box and the sort show the new
          page's words and order, not what was typed on the previous one. */}
      <Form key={params.toString()} method="get" className="search-bar" role="search">
        <input type="search" name="q" defaultValue={q} placeholder={placeholder} aria-label="Search" />
        {KEPT_BY_SEARCH_BOX.map((k) =>
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
      <RefusedParamsNotice refused={refused} />
      <div className="search-layout">
        {/* A phone folds the filters under one button; a desktop always shows them (styles.css). */}
        <details className="facets-panel">
          <summary className="button secondary">Filters</summary>
          <aside className="facets" aria-label="Filters">
            {categories.length ? (
              <>
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
              </>
            ) : null}
            {result.facets.vendors.length ? (
              <>
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
              </>
            ) : null}
            <h2>Availability</h2>
            <AppLink to={withParam('inStock', params.get('inStock') ? null : 'true')}>
              {params.get('inStock') ? 'Show all' : 'In stock only'}
            </AppLink>
            <PriceFilter pathname={pathname} params={params} items={result.items} />
          </aside>
        </details>
        <section aria-live="polite">
          <SearchSpellingNotice q={q} result={result} searchHref={(words) => withParam('q', words)} />
          <p className="result-count" data-testid="result-count">
            {result.total === 0
              ? q
                ? `No products match “${q}”.`
                : 'No products match these filters.'
              : `${productCount(result.total, result.totalCapped)}${q ? ` for “${q}”` : ''}`}
          </p>
          {result.total === 0 ? (
            <div className="empty-state">
              <p>Try fewer or different words, or remove a filter.</p>
            </div>
          ) : pastEnd ? (
            <div className="empty-state" data-testid="page-past-end">
              <p>{`There is no page ${pastEnd} of these results: they end on page ${pages}.`}</p>
              <AppLink to={pageLink(pages)}>Go to the last page</AppLink>
            </div>
          ) : (
            <ul className="product-grid">
              {result.items.map((p) => (
                <ProductCard key={p.id} product={p} addToCart={{ back: pageLink(page) }} />
              ))}
            </ul>
          )}
          {pages > 1 && !pastEnd ? (
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
