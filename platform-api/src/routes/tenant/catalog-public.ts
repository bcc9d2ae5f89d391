import { AppError, MAX_QUANTITY, ProductQuote, PublicProduct } from '@agora/contracts';
import { getPublicProduct, productWithoutPrices, quoteProduct } from '@agora/core';
import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { createApi, errorResponses, json } from '../../openapi.js';
import { priceAccess, priceCacheHeaders } from '../../price-visibility.js';
import { IdParam } from './catalog-schemas.js';

const tags = ['catalog: public'];

/** Products as buyers see them (anyone). Listings and search live in the search endpoints. */
export const tenantCatalogPublic = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...access.public,
      method: 'get',
      path: '/products/{id}',
      operationId: 'getProduct',
      tags,
      summary: 'A product as buyers see it',
      description:
        'Only published products of approved vendors; anything else (draft, waiting for review, ' +
        'archived, vendor suspended, another marketplace) is a 404. `tiers` is the table of price ' +
        'bands with the saving against the list price. When the marketplace shows prices to approved ' +
        'buyers only, other callers get `basePriceMinor: null`, no tiers and `pricesHidden: true`.',
      request: { params: IdParam },
      responses: { 200: json(PublicProduct, 'The product'), ...errorResponses(404) },
    }),
    async (c) => {
      const prices = await priceAccess(c);
      const product = await getPublicProduct(c.var.deps.database, c.var.tenant, c.req.valid('param').id);
      return c.json(
        prices.visible ? product : productWithoutPrices(product),
        200,
        priceCacheHeaders(prices, {}),
      );
    },
  )
  .openapi(
    createRoute({
      ...access.public,
      method: 'get',
      path: '/products/{id}/quote',
      operationId: 'quoteProduct',
      tags,
      summary: 'The unit price and total for a quantity',
      description:
        'The volume tier in effect for `qty`. A quantity that cannot be ordered (below the minimum, ' +
        'off the order increment, not a whole number, a total beyond exact integers) is still a 200, ' +
        'with `ok: false` and the reason. A quantity above MAX_QUANTITY (1,000,000,000) is a 400. ' +
        'A 403 when the marketplace shows prices to approved buyers only and the caller is not one.',
      request: {
        params: IdParam,
        query: z.object({
          qty: z
            .string()
            .refine(
              (s) => !/^\s*\d+\s*$/.test(s) || BigInt(s.trim()) <= BigInt(MAX_QUANTITY),
              `must be at most ${MAX_QUANTITY.toLocaleString('en-US')}`,
            )
            .openapi({ example: '250', description: `Units to price (at most ${MAX_QUANTITY})` }),
        }),
      },
      responses: { 200: json(ProductQuote, 'The quote'), ...errorResponses(400, 403, 404) },
    }),
    async (c) => {
      const prices = await priceAccess(c);
      if (!prices.visible)
        throw new AppError(
          'forbidden',
          'This marketplace shows prices to approved buyers only: sign in to see them',
        );
      const text = c.req.valid('query').qty.trim();
      const qty = /^\d+$/.test(text) ? Number(text) : 0; // not a whole number: quote() says so
      return c.json(
        await quoteProduct(c.var.deps.database, c.var.tenant, c.req.valid('param').id, qty),
        200,
        priceCacheHeaders(prices, {}),
      );
    },
  );
