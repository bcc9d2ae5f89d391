import { resolveTier, type Tier } from '../../pricing/tiers.js';
import {
  type CategoryFacet,
  MAX_RESULT_WINDOW,
  pageCount,
  resultWindow,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  VENDOR_FACET_LIMIT,
  type VendorFacet,
} from '../search-engine.js';
import { searchTerms } from '../search-terms.js';
import { MAX_BANDS, type MeiliProduct } from './meili-documents.js';

const bandAttributes = Array.from({ length: MAX_BANDS }, (_, k) => [
  `b${k}_from`,
  `b${k}_to`,
  `b${k}_price`,
]).flat();

/**
 * Index settings, applied when a tenant's index is created. Searchable attributes in order of
 * weight (Meilisearch's `attribute` rule), mirroring the PostgreSQL weights A-D; typo tolerance
 * is Meilisearch's own (on by default).
 */
export const MEILI_SETTINGS = {
  searchableAttributes: ['title', 'sku', 'attributes', 'vendorName', 'categoryNames', 'description'],
  filterableAttributes: [
    'categoryIds',
    'vendorId',
    'inStock',
    'currency',
    'minOrderQty',
    'priceMoqMinor',
    ...bandAttributes,
  ],
  sortableAttributes: ['priceMoqMinor', 'publishedAt'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  faceting: { maxValuesPerFacet: 500 },
  // One more than the window, so that a capped count is recognisable (as in the PostgreSQL engine).
  pagination: { maxTotalHits: MAX_RESULT_WINDOW + 1 },
};

export const MEILI_FACETS = ['categoryIds', 'vendorId', 'inStock'];

const RETRIEVE: (keyof MeiliProduct)[] = [
  'id',
  'title',
  'sku',
  'vendorId',
  'vendorName',
  'vendorVerified',
  'categoryId',
  'categoryName',
  'unit',
  'minOrderQty',
  'stockQty',
  'currency',
  'basePriceMinor',
  'tiers',
  'imageKey',
  'publishedAt',
];

/** A filter value in double quotes, with backslashes and quotes escaped. */
const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Unit price at `qty` within [min, max]: at the MOQ price below the MOQ, else in q's band. */
function priceFilter(query: SearchQuery): string | null {
  const { priceMin: min, priceMax: max, qty } = query;
  if (min === undefined && max === undefined) return null;
  const range = (attr: string) =>
    [min === undefined ? null : `${attr} >= ${min}`, max === undefined ? null : `${attr} <= ${max}`].filter(
      Boolean,
    );
  if (qty === undefined) return range('priceMoqMinor').join(' AND ');
  const cases = [[`minOrderQty >= ${qty}`, ...range('priceMoqMinor')]];
  for (let k = 0; k < MAX_BANDS; k++)
    cases.push([`b${k}_from <= ${qty}`, `b${k}_to >= ${qty}`, ...range(`b${k}_price`)]);
  return cases.map((c) => `(${c.join(' AND ')})`).join(' OR ');
}

export type MeiliSearchRequest = {
  q: string;
  filter: string[];
  sort: string[];
  facets: string[];
  page: number;
  hitsPerPage: number;
  attributesToRetrieve: string[];
};

/**
 * The Meilisearch search request for a query. Price sorts use the price at the MOQ even when a
 * quantity is given (a sort cannot depend on the query); the price filter is exact at `qty`.
 */
export function buildMeiliSearch(query: SearchQuery): MeiliSearchRequest {
  const filter: string[] = [];
  if (query.categoryId) filter.push(`categoryIds = ${quote(query.categoryId)}`);
  if (query.vendorId) filter.push(`vendorId = ${quote(query.vendorId)}`);
  if (query.inStock !== undefined) filter.push(`inStock = ${query.inStock}`);
  if (query.currency) filter.push(`currency = ${quote(query.currency)}`);
  const price = priceFilter(query);
  if (price) filter.push(price);
  const text = searchTerms(query.q)?.text ?? '';
  const sort = {
    relevance: text ? [] : ['publishedAt:desc'],
    newest: ['publishedAt:desc'],
    price_asc: ['priceMoqMinor:asc'],
    price_desc: ['priceMoqMinor:desc'],
  }[query.sort];
  return {
    q: text,
    filter,
    sort,
    // No facet distribution asked for when the caller shows no filters (Meilisearch then skips it).
    facets: query.facets === false ? [] : MEILI_FACETS,
    page: query.page,
    hitsPerPage: query.limit,
    attributesToRetrieve: RETRIEVE,
  };
}

/** The documented shape of a search response with `page`/`hitsPerPage` (the parts we read). */
export type MeiliSearchResponse = {
  hits: Partial<MeiliProduct>[];
  totalHits?: number;
  estimatedTotalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
};

/** What only the database knows: which hits are still visible, and facet names. */
export type SearchLookup = {
  visible: Set<string>;
  categories: Map<string, { name: string; parentId: string | null }>;
  vendors: Map<string, string>;
};

export const facetIds = (response: MeiliSearchResponse) => ({
  categoryIds: Object.keys(response.facetDistribution?.categoryIds ?? {}),
  vendorIds: Object.keys(response.facetDistribution?.vendorId ?? {}),
});

/**
 * Turn a Meilisearch response into the engine's result. Hits the database no longer shows
 * (suspended vendor, unpublished product, deleted) are dropped at once, before the indexing job
 * catches up; prices at the query's quantity are computed from the stored tiers.
 */
export function mapMeiliResponse(
  response: MeiliSearchResponse,
  query: SearchQuery,
  lookup: SearchLookup,
): SearchResult {
  const items: SearchHit[] = [];
  let dropped = 0;
  for (const hit of response.hits) {
    const doc = hit as MeiliProduct;
    if (!lookup.visible.has(doc.id)) {
      dropped++;
      continue;
    }
    const priceQty = Math.max(query.qty ?? doc.minOrderQty, doc.minOrderQty);
    const tier = resolveTier(doc.tiers ?? [], priceQty) as Tier | null;
    items.push({
      id: doc.id,
      title: doc.title,
      sku: doc.sku,
      vendor: { id: doc.vendorId, name: doc.vendorName, verified: doc.vendorVerified },
      category: doc.categoryId ? { id: doc.categoryId, name: doc.categoryName ?? '' } : null,
      unit: doc.unit,
      minOrderQty: doc.minOrderQty,
      stockQty: doc.stockQty,
      inStock: doc.stockQty >= doc.minOrderQty,
      priceQty,
      unitPriceMinor: tier?.unitPriceMinor ?? doc.basePriceMinor,
      basePriceMinor: doc.basePriceMinor,
      currency: doc.currency,
      imageKey: doc.imageKey ?? null,
      publishedAt: doc.publishedAt ? new Date(doc.publishedAt * 1000).toISOString() : null,
    });
  }
  const dist = response.facetDistribution ?? {};
  const categories: CategoryFacet[] = Object.entries(dist.categoryIds ?? {})
    .filter(([id]) => lookup.categories.has(id))
    .map(([id, count]) => {
      const c = lookup.categories.get(id) as { name: string; parentId: string | null };
      return { id, name: c.name, parentId: c.parentId, count };
    });
  const vendors: VendorFacet[] = Object.entries(dist.vendorId ?? {})
    .filter(([id]) => lookup.vendors.has(id))
    .map(([id, count]) => ({ id, name: lookup.vendors.get(id) as string, count }));
  const byCount = <T extends { count: number; name: string; id: string }>(a: T, b: T) =>
    b.count - a.count || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  // Meilisearch stops counting at maxTotalHits (MAX_RESULT_WINDOW + 1): more than the window means
  // capped, whatever was dropped from this page. Without a total asked for, the window ends with
  // the page, as in the PostgreSQL engine.
  const counted = response.totalHits ?? response.estimatedTotalHits ?? 0;
  const window = resultWindow(query);
  const total = Math.min(Math.max(0, counted - dropped), window);
  return {
    items,
    total,
    totalCapped: counted > window,
    page: query.page,
    limit: query.limit,
    pages: pageCount(total, query.limit),
    facets: {
      categories: categories.sort(byCount),
      vendors: vendors.sort(byCount).slice(0, VENDOR_FACET_LIMIT),
      inStock: { true: dist.inStock?.true ?? 0, false: dist.inStock?.false ?? 0 },
    },
    // Meilisearch corrects typos itself and says neither which words it left out nor how it
    // spelled them (ADR 0026).
    dropped: [],
    didYouMean: null,
  };
}
