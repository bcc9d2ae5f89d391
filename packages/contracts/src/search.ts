import { z } from 'zod';
import { emptyAsAbsent } from './page-query.js';
import { MAX_PAGE_SIZE, MAX_RESULT_WINDOW, SEARCH_SORTS, type SearchParamName } from './search-params.js';

/**
 * `GET /api/v1/search`: its query parameters, with the rules across them (`superRefine`), and its
 * result. The route validates with `SearchParams`; the storefront checks a listing address with
 * the same schema before it asks (see storefront listing.server.ts); the api-client's
 * `SearchQuery` is its input type.
 */

// Messages a person can act on: the storefront shows them for a parameter it leaves out.
const MINOR = 'must be a whole number of minor units (cents), 0 or more';
const COUNT = 'must be a whole number, 1 or more';

const minor = (what: string) =>
  z.coerce
    .number<string | number>({ error: MINOR })
    .int(MINOR)
    .min(0, MINOR)
    .max(Number.MAX_SAFE_INTEGER, MINOR)
    .optional()
    .meta({ description: `${what}, in minor units (cents), at \`qty\``, example: 1500 });

const count = () => z.coerce.number<string | number>({ error: COUNT }).int(COUNT).min(1, COUNT);

const shape = {
  q: z.string().max(200).optional().meta({
    description:
      'Words to find (all must match; typos tolerated in words of 4+ letters; a word matching nothing is left out and listed in `dropped`). Quotes, `-word` and `or` switch to exact web-search syntax.',
    example: 'hydraulic pump',
  }),
  category: z
    .string()
    .max(64)
    .optional()
    .meta({ description: 'Category id; its sub-categories are included' }),
  vendor: z.string().max(64).optional().meta({ description: 'Vendor id' }),
  inStock: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .optional()
    .meta({ description: 'Only products whose stock covers (true) or does not cover (false) the MOQ' }),
  priceMin: minor('Lowest unit price'),
  priceMax: minor('Highest unit price'),
  qty: count().max(1_000_000_000, 'must be at most 1,000,000,000').optional().meta({
    description:
      "Quantity prices are quoted, filtered and sorted at (per product, at least its MOQ). Default: each product's MOQ.",
  }),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be a 3-letter ISO 4217 code')
    .optional()
    .meta({ description: 'Only products priced in this currency', example: 'EUR' }),
  sort: z
    .enum(SEARCH_SORTS, { error: `must be one of ${SEARCH_SORTS.join(', ')}` })
    .default('relevance')
    .meta({ description: 'relevance (newest first without `q`), price_asc, price_desc, newest' }),
  page: count().default(1).meta({ description: '1-based page number' }),
  limit: z.coerce.number<string | number>().int().min(1).max(MAX_PAGE_SIZE).default(24),
  facets: z
    .enum(['true', 'false'])
    .default('true')
    .meta({ description: 'false: skip the facet counts (empty lists), for pages that show no filters' }),
  total: z.enum(['true', 'false']).default('true').meta({
    description:
      'false: count matches only as far as this page: `total` is then a lower bound and `totalCapped` says whether more follow. Cheaper, for lists that show no count.',
  }),
} satisfies Record<SearchParamName, z.ZodType>;

/** The rules across parameters; each issue names the parameter to change. */
const acrossParams = (p: z.output<z.ZodObject<typeof shape>>, ctx: z.RefinementCtx) => {
  if (p.priceMin !== undefined && p.priceMax !== undefined && p.priceMin > p.priceMax)
    ctx.addIssue({ code: 'custom', path: ['priceMax'], message: 'must not be below priceMin' });
  // A page may end past the window (the last one is short), but must start inside it.
  if ((p.page - 1) * p.limit >= MAX_RESULT_WINDOW)
    ctx.addIssue({
      code: 'custom',
      path: ['page'],
      message: `only the first ${MAX_RESULT_WINDOW} results can be paged through; narrow the search`,
    });
};

/** The search parameters with the rules across them, as a caller sends them. */
export const SearchQueryParams = z.object(shape).superRefine(acrossParams);
/** `GET /search`'s query as the route validates it: the same, an empty parameter counting as absent. */
export const SearchParams = emptyAsAbsent(z.object(shape)).superRefine(acrossParams);
/** What a caller may send (strings, as in an address, or numbers). */
export type SearchQueryInput = z.input<typeof SearchQueryParams>;
export type SearchParams = z.output<typeof SearchQueryParams>;

export const SearchHit = z
  .object({
    id: z.string().meta({ example: 'prd_9x2m4q7w1z3k5n8p' }),
    title: z.string(),
    sku: z.string(),
    vendor: z.object({ id: z.string(), name: z.string(), verified: z.boolean() }),
    category: z.object({ id: z.string(), name: z.string() }).nullable(),
    unit: z.string().meta({ example: 'piece' }),
    minOrderQty: z.number().int(),
    stockQty: z.number().int(),
    inStock: z.boolean().meta({ description: 'Stock covers at least the MOQ' }),
    priceQty: z.number().int().meta({ description: 'The quantity unitPriceMinor is for: max(qty, MOQ)' }),
    unitPriceMinor: z.number().int().nullable().meta({
      description: 'Unit price at priceQty (volume tier or list price); null when prices are hidden',
    }),
    basePriceMinor: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'List unit price; null when prices are hidden' }),
    currency: z.string().meta({ example: 'EUR' }),
    imageKey: z.string().nullable().meta({ description: 'File-storage key of the first image' }),
    imageUrl: z.string().nullable().meta({ description: 'Public URL of the first image, on this host' }),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'SearchHit' });
export type SearchHit = z.infer<typeof SearchHit>;

export const CategoryFacet = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  count: z.number().int(),
});
export const VendorFacet = z.object({ id: z.string(), name: z.string(), count: z.number().int() });

export const SearchFacets = z
  .object({
    categories: z
      .array(CategoryFacet)
      .meta({ description: 'Each category holding matches; count includes its sub-categories' }),
    vendors: z.array(VendorFacet),
    inStock: z.object({ true: z.number().int(), false: z.number().int() }),
  })
  .meta({ description: 'Counts over all matches, with the same filters applied' });
export type SearchFacets = z.infer<typeof SearchFacets>;

/**
 * What a product search did with the words it was given (ADR 0026), part of every search
 * response: the storefront says "No results for pmp; showing hydraulic" and offers the corrected
 * query as a link. The Meilisearch engine corrects typos itself and returns both empty.
 */
export const SearchSpelling = z.object({
  dropped: z.array(z.string()).meta({
    description:
      'Words of `q` that match no product even with typo tolerance: left out, the results are for the other words. Empty when every word was searched.',
  }),
  didYouMean: z.string().nullable().meta({
    description:
      "The query with misspelled words corrected from the catalog's own words, when a word as typed found nothing (the results already include the correction, except for a dropped 3-letter word, for which it is only a suggestion). null when nothing was corrected.",
  }),
});
export type SearchSpelling = z.infer<typeof SearchSpelling>;

export const SearchResult = z
  .object({
    items: z.array(SearchHit),
    total: z
      .number()
      .int()
      .meta({ description: `Matches over all pages, counted up to ${MAX_RESULT_WINDOW}` }),
    totalCapped: z.boolean().meta({
      description: `true: there are more than ${MAX_RESULT_WINDOW} matches; only the best ${MAX_RESULT_WINDOW} are counted, faceted and paged (narrow the search to see others)`,
    }),
    page: z.number().int(),
    limit: z.number().int(),
    pages: z
      .number()
      .int()
      .meta({ description: `Pages that can be requested (up to ${MAX_RESULT_WINDOW} results)` }),
    facets: SearchFacets,
    ...SearchSpelling.shape,
    pricesHidden: z.boolean().meta({
      description:
        'true: the marketplace shows prices to approved buyers only and the caller is not one: every price is null, and price filters and price sorting are not applied',
    }),
  })
  .meta({ id: 'SearchResult' });
export type SearchResult = z.infer<typeof SearchResult>;
