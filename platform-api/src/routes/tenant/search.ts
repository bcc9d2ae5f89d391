import { SearchParams, SearchResult } from '@agora/contracts';
import { productImageUrl, type SearchQuery, searchResultJson, searchWithoutPrices } from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { createApi, errorResponses, json } from '../../openapi.js';
import { priceAccess, priceCacheHeaders } from '../../price-visibility.js';
import { sharedCacheHeaders } from '../../shared-cache.js';

/** With a purgeable CDN, shared caches may keep a result 30 s (purged on catalog changes). */
const SEARCH_CACHE = { sMaxAge: 30, staleWhileRevalidate: 300 };

export const tenantSearch = createApi<TenantEnv>().openapi(
  createRoute({
    ...access.public,
    method: 'get',
    path: '/search',
    operationId: 'searchProducts',
    tags: ['search'],
    summary: 'Search the published products of approved vendors',
    description:
      'Public. With a CDN Agora can purge (`AGORA_CDN_PURGE_URL`), cacheable by it (`s-maxage=30`, `Surrogate-Key: tenant-<id>`, purged on every catalog change); otherwise `Cache-Control: public, no-cache`. When the marketplace shows prices to approved buyers only (`pricesVisibleTo`), other callers get every price null, `pricesHidden: true`, and price filters and price sorting are not applied; answers then vary on Authorization and Cookie, and a signed-in caller gets `private, no-store`. Relevance: title and SKU weigh most, then attributes and vendor, category names, description.',
    request: { query: SearchParams },
    responses: {
      200: json(SearchResult, 'One page of results with facet counts'),
      ...errorResponses(400, 403, 404),
    },
  }),
  async (c) => {
    const params = c.req.valid('query');
    const prices = await priceAccess(c);
    // Prices hidden from this caller: price filters and sorting would reveal them, so they are not applied.
    if (!prices.visible) {
      params.priceMin = undefined;
      params.priceMax = undefined;
      if (params.sort === 'price_asc' || params.sort === 'price_desc') params.sort = 'relevance';
    }
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
    const body: SearchResult = prices.visible
      ? { ...result, items, pricesHidden: false }
      : searchWithoutPrices({ ...result, items });
    // The facets of kept counts are serialised once, not for every answer (ADR 0030).
    return c.body(searchResultJson(body), 200, {
      ...priceCacheHeaders(prices, sharedCacheHeaders(c.var.deps.cdn, c.var.tenant.id, SEARCH_CACHE)),
      'content-type': 'application/json',
    }) as unknown as TypedResponse<SearchResult, 200, 'json'>; // the JSON of `body`, checked above
  },
);
