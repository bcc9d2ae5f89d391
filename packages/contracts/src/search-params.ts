/**
 * The names of the search API's query parameters: the one list, plain data without zod so that
 * browser code (the storefront's search box) can use it. `SearchParams` (search.ts) is keyed by
 * exactly these names, so the two cannot drift.
 */
export const SEARCH_PARAMS = [
  'q',
  'category',
  'vendor',
  'inStock',
  'priceMin',
  'priceMax',
  'qty',
  'currency',
  'sort',
  'page',
  'limit',
  'facets',
  'total',
] as const;
export type SearchParamName = (typeof SEARCH_PARAMS)[number];

/** The parameters a listing page takes from its address: all but the page's own choices. */
export const SEARCH_ADDRESS_PARAMS = SEARCH_PARAMS.filter(
  (k): k is Exclude<SearchParamName, 'limit' | 'facets' | 'total'> =>
    k !== 'limit' && k !== 'facets' && k !== 'total',
);

export const SEARCH_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/**
 * A search covers its best this many matches, in the requested order: they are counted, paged
 * and faceted; beyond them the result says `totalCapped` (refine the query instead). This keeps
 * the cost of a query bounded whatever the catalog size, like Meilisearch's `maxTotalHits`
 * (whose default is the same). See docs/decisions/0015.
 */
export const MAX_RESULT_WINDOW = 1_000;
export const MAX_PAGE_SIZE = 100;
