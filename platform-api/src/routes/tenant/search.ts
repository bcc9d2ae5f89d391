import { AppError, type FieldIssue, SearchSpelling } from '@agora/contracts';
import {
  MAX_PAGE_SIZE,
  MAX_RESULT_WINDOW,
  productImageUrl,
  SEARCH_SORTS,
  type SearchQuery,
} from '@agora/core';
import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { createApi, errorResponses, json } from '../../openapi.js';
import { sharedCacheHeaders } from '../../shared-cache.js';
import { optionalParams } from './query-params.js';

/** With a purgeable CDN, shared caches may keep a result 30 s (purged on catalog changes). */
const SEARCH_CACHE = { sMaxAge: 30, staleWhileRevalidate: 300 };

// Messages a person can act on: the storefront shows them for a parameter it leaves out.
const MINOR = 'must be a whole number of minor units (cents), 0 or more';
const COUNT = 'must be a whole number, 1 or more';

const minor = (what: string) =>
  z.coerce
    .number({ error: MINOR })
    .int(MINOR)
    .min(0, MINOR)
    .max(Number.MAX_SAFE_INTEGER, MINOR)
    .optional()
    .openapi({ description: `${what}, in minor units (cents), at \`qty\``, example: 1500 });

const SearchParams = optionalParams(
  z.object({
    q: z.string().max(200).optional().openapi({
      description:
        'Words to find (all must match; typos tolerated in words of 4+ letters; a word matching nothing is left out and listed in `dropped`). Quotes, `-word` and `or` switch to exact web-search syntax.',
      example: 'hydraulic pump',
    }),
    category: z
      .string()
      .max(64)
      .optional()
      .openapi({ description: 'Category id; its sub-categories are included' }),
    vendor: z.string().max(64).optional().openapi({ description: 'Vendor id' }),
    inStock: z
      .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
      .optional()
      .openapi({ description: 'Only products whose stock covers (true) or does not cover (false) the MOQ' }),
    priceMin: minor('Lowest unit price'),
    priceMax: minor('Highest unit price'),
    qty: z.coerce
      .number({ error: COUNT })
      .int(COUNT)
      .min(1, COUNT)
      .max(1_000_000_000, 'must be at most 1,000,000,000')
      .optional()
      .openapi({
        description:
          "Quantity prices are quoted, filtered and sorted at (per product, at least its MOQ). Default: each product's MOQ.",
      }),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'must be a 3-letter ISO 4217 code')
      .optional()
      .openapi({ description: 'Only products priced in this currency', example: 'EUR' }),
    sort: z
      .enum(SEARCH_SORTS, { error: `must be one of ${SEARCH_SORTS.join(', ')}` })
      .default('relevance')
      .openapi({ description: 'relevance (newest first without `q`), price_asc, price_desc, newest' }),
    page: z.coerce
      .number({ error: COUNT })
      .int(COUNT)
      .min(1, COUNT)
      .default(1)
      .openapi({ description: '1-based page number' }),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(24),
    facets: z
      .enum(['true', 'false'])
      .default('true')
      .openapi({ description: 'false: skip the facet counts (empty lists), for pages that show no filters' }),
    total: z.enum(['true', 'false']).default('true').openapi({
      description:
        'false: count matches only as far as this page: `total` is then a lower bound and `totalCapped` says whether more follow. Cheaper, for lists that show no count.',
    }),
  }),
);

const SearchHitSchema = z
  .object({
    id: z.string().openapi({ example: 'prd_9x2m4q7w1z3k5n8p' }),
    title: z.string(),
    sku: z.string(),
    vendor: z.object({ id: z.string(), name: z.string(), verified: z.boolean() }),
    category: z.object({ id: z.string(), name: z.string() }).nullable(),
    unit: z.string().openapi({ example: 'piece' }),
    minOrderQty: z.number().int(),
    stockQty: z.number().int(),
    inStock: z.boolean().openapi({ description: 'Stock covers at least the MOQ' }),
    priceQty: z.number().int().openapi({ description: 'The quantity unitPriceMinor is for: max(qty, MOQ)' }),
    unitPriceMinor: z
      .number()
      .int()
      .openapi({ description: 'Unit price at priceQty (volume tier or list price)' }),
    basePriceMinor: z.number().int().openapi({ description: 'List unit price' }),
    currency: z.string().openapi({ example: 'EUR' }),
    imageKey: z.string().nullable().openapi({ description: 'File-storage key of the first image' }),
    imageUrl: z.string().nullable().openapi({ description: 'Public URL of the first image, on this host' }),
    publishedAt: z.string().nullable(),
  })
  .openapi('SearchHit');

const SearchResultSchema = z
  .object({
    items: z.array(SearchHitSchema),
    total: z
      .number()
      .int()
      .openapi({ description: `Matches over all pages, counted up to ${MAX_RESULT_WINDOW}` }),
    totalCapped: z.boolean().openapi({
      description: `true: there are more than ${MAX_RESULT_WINDOW} matches; only the best ${MAX_RESULT_WINDOW} are counted, faceted and paged (narrow the search to see others)`,
    }),
    page: z.number().int(),
    limit: z.number().int(),
    pages: z
      .number()
      .int()
      .openapi({ description: `Pages that can be requested (up to ${MAX_RESULT_WINDOW} results)` }),
    facets: z
      .object({
        categories: z
          .array(
            z.object({
              id: z.string(),
              name: z.string(),
              parentId: z.string().nullable(),
              count: z.number().int(),
            }),
          )
          .openapi({ description: 'Each category holding matches; count includes its sub-categories' }),
        vendors: z.array(z.object({ id: z.string(), name: z.string(), count: z.number().int() })),
        inStock: z.object({ true: z.number().int(), false: z.number().int() }),
      })
      .openapi({ description: 'Counts over all matches, with the same filters applied' }),
  })
  .extend(SearchSpelling.shape)
  .openapi('SearchResult');

export const tenantSearch = createApi<TenantEnv>().openapi(
  createRoute({
    ...access.public,
    method: 'get',
    path: '/search',
    tags: ['search'],
    summary: 'Search the published products of approved vendors',
    description:
      'Public. With a CDN Agora can purge (`AGORA_CDN_PURGE_URL`), cacheable by it (`s-maxage=30`, `Surrogate-Key: tenant-<id>`, purged on every catalog change); otherwise `Cache-Control: public, no-cache`. Relevance: title and SKU weigh most, then attributes and vendor, category names, description.',
    request: { query: SearchParams },
    responses: {
      200: json(SearchResultSchema, 'One page of results with facet counts'),
      ...errorResponses(400, 403, 404),
    },
  }),
  async (c) => {
    const params = c.req.valid('query');
    const issues: FieldIssue[] = [];
    if (params.priceMin !== undefined && params.priceMax !== undefined && params.priceMin > params.priceMax)
      issues.push({ path: 'priceMax', message: 'must not be below priceMin' });
    // A page may end past the window (the last one is short), but must start inside it.
    if ((params.page - 1) * params.limit >= MAX_RESULT_WINDOW)
      issues.push({
        path: 'page',
        message: `only the first ${MAX_RESULT_WINDOW} results can be paged through; narrow the search`,
      });
    if (issues.length)
      throw new AppError(
        'validation_failed',
        `Invalid query: check ${issues.map((i) => i.path).join(', ')}`,
        {
          fields: issues,
        },
      );
    const query: SearchQuery = {
      q: params.q,
      categoryId: params.category,
      vendorId: params.vendor,
      inStock: params.inStock === undefined ? undefined : params.inStock === 'true' || params.inStock === '1',
      priceMin: params.priceMin,
      priceMax: params.priceMax,
      qty: params.qty,
      currency: params.currency?.toUpperCase(),
      sort: params.sort,
      page: params.page,
      limit: params.limit,
      facets: params.facets === 'true',
      countTotal: params.total === 'true',
    };
    const result = await c.var.deps.search.search(c.var.tenant, query);
    const items = result.items.map((item) => ({
      ...item,
      imageUrl: item.imageKey ? productImageUrl(item.imageKey) : null,
    }));
    return c.json(
      { ...result, items },
      200,
      sharedCacheHeaders(c.var.deps.cdn, c.var.tenant.id, SEARCH_CACHE),
    );
  },
);
