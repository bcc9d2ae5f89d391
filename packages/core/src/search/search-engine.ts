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

export type SearchHit = {
  id: string;
  title: string;
  sku: string;
  vendor: { id: string; name: string; verified: boolean };
  category: { id: string; name: string } | null;
  unit: string;
  minOrderQty: number;
  stockQty: number;
  /** Stock covers at least the minimum order quantity. */
  inStock: boolean;
  /** The quantity the unit price is for: the query's qty, or the MOQ when that is larger. */
  priceQty: number;
  /** Unit price at `priceQty` (volume tier with the greatest bound <= priceQty, or the list price). */
  unitPriceMinor: number;
  basePriceMinor: number;
  currency: string;
  /** File-storage key of the first image, or null. */
  imageKey: string | null;
  publishedAt: string | null;
};

export type CategoryFacet = { id: string; name: string; parentId: string | null; count: number };
export type VendorFacet = { id: string; name: string; count: number };

export type SearchFacets = {
  /**
   * Every category holding a match, with the number of matches in it and all its
   * sub-categories (so a parent's count includes its children's). Build the tree with parentId.
   */
  categories: CategoryFacet[];
  /** The VENDOR_FACET_LIMIT vendors with the most matches. */
  vendors: VendorFacet[];
  inStock: { true: number; false: number };
};

export type SearchResult = {
  items: SearchHit[];
  /** Matches over all pages, counted up to MAX_RESULT_WINDOW. */
  total: number;
  /** There are more matches than `total` (MAX_RESULT_WINDOW): the query is worth narrowing. */
  totalCapped: boolean;
  page: number;
  limit: number;
  /** Pages that can be requested (capped by MAX_RESULT_WINDOW). */
  pages: number;
  /** Counts over the matches counted in `total`, with the same filters applied. */
  facets: SearchFacets;
  /**
   * Words of the query that match no visible product, even with typo correction: left out of
   * the search, which shows what the other words find ("no results for pmp; showing hydraulic").
   * Always empty with Meilisearch (its own matching strategy decides; ADR 0026).
   */
  dropped: string[];
  /**
   * The query with its misspelled words corrected, when a word as typed found nothing: either the
   * results are already for it ("impcat" searched as "impact") or it is a suggestion for a dropped
   * short word ("pmp": "pump"). null when nothing was corrected (and always with Meilisearch).
   */
  didYouMean: string | null;
};

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
