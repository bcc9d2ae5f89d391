import type { TenantRef } from '@agora/db';

/**
 * Product search inside one marketplace. Two implementations answer the same contract
 * (packages/core/test/search/contract.ts): PostgreSQL in the tenant schema (default) and
 * Meilisearch with one index per tenant (when MEILI_URL is set). See docs/decisions/0010.
 *
 * Only published products of approved vendors are ever returned.
 */
export interface SearchEngine {
  readonly kind: 'postgres' | 'meilisearch';
  search(tenant: TenantRef, query: SearchQuery): Promise<SearchResult>;
  /** Recompute these products from the database (missing or hidden ones leave the index). */
  index(tenant: TenantRef, productIds: string[]): Promise<void>;
  /** Take these products out of the index. */
  remove(tenant: TenantRef, productIds: string[]): Promise<void>;
  /** Rebuild the tenant's whole index from the database. */
  reindexAll(tenant: TenantRef): Promise<{ indexed: number }>;
  close?(): Promise<void>;
}

// The parameters' limits are part of the API's contract (contracts search-params.ts).
export { MAX_PAGE_SIZE, MAX_RESULT_WINDOW, SEARCH_SORTS, type SearchSort } from '@agora/contracts';

import {
  type SearchHit as ApiSearchHit,
  type SearchResult as ApiSearchResult,
  MAX_RESULT_WINDOW,
  type SearchFacets,
  type SearchSort,
} from '@agora/contracts';

/** Vendor facet values returned: the ones with the most matches. */
export const VENDOR_FACET_LIMIT = 100;

export type SearchQuery = {
  /** Free text; empty means "everything that matches the filters". */
  q?: string;
  /** A category and all of its sub-categories. */
  categoryId?: string;
  vendorId?: string;
  /** true: stock covers at least the minimum order quantity; false: it does not. */
  inStock?: boolean;
  /** Unit price bounds in minor units, at `qty` (inclusive). */
  priceMin?: number;
  priceMax?: number;
  /** The quantity prices are quoted (and filtered and sorted) at; default: each product's MOQ. */
  qty?: number;
  /** ISO 4217 code; with price filters, compare amounts in one currency. */
  currency?: string;
  sort: SearchSort;
  /** 1-based. */
  page: number;
  limit: number;
  /** false: skip facet counts (lists that show no filters, like the home page). Default true. */
  facets?: boolean;
  /**
   * false: count matches only as far as this page, so `total` is a lower bound and `totalCapped`
   * says whether more follow (lists that show no count, like the home page: a browse then reads
   * one page of the index instead of MAX_RESULT_WINDOW rows). Default true.
   */
  countTotal?: boolean;
};

// The result is the API's shape (@agora/contracts search.ts, with SearchSpelling's `dropped` and
// `didYouMean`: always empty with Meilisearch, ADR 0026) but for `imageUrl`, which the
// route makes from `imageKey`, and for prices: the engine always has them; the route leaves them
// out (null, `pricesHidden`) for callers who may not see them (ADR 0034).
export type SearchHit = Omit<ApiSearchHit, 'imageUrl' | 'unitPriceMinor' | 'basePriceMinor'> & {
  unitPriceMinor: number;
  basePriceMinor: number;
};
export type CategoryFacet = SearchFacets['categories'][number];
export type VendorFacet = SearchFacets['vendors'][number];
export type { SearchFacets };
export type SearchResult = Omit<ApiSearchResult, 'items' | 'pricesHidden'> & { items: SearchHit[] };

export const emptyResult = (query: Pick<SearchQuery, 'page' | 'limit'>): SearchResult => ({
  items: [],
  total: 0,
  totalCapped: false,
  page: query.page,
  limit: query.limit,
  pages: 0,
  facets: { categories: [], vendors: [], inStock: { true: 0, false: 0 } },
  dropped: [],
  didYouMean: null,
});

/** How many of the best matches a query counts, pages and facets (see `countTotal`). */
export const resultWindow = (query: Pick<SearchQuery, 'countTotal' | 'page' | 'limit'>) =>
  query.countTotal === false ? Math.min(query.page * query.limit, MAX_RESULT_WINDOW) : MAX_RESULT_WINDOW;

export const pageCount = (total: number, limit: number) =>
  Math.ceil(Math.min(total, MAX_RESULT_WINDOW) / limit);
