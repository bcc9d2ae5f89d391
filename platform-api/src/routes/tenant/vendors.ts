import { PublicVendor, PublicVendorListQuery, PublicVendorPage } from '@agora/contracts';
import { getPublicVendor, listPublicVendors } from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { createApi, errorResponses, json } from '../../openapi.js';
import { optionalParams } from './query-params.js';
import { IdParam } from './vendor-schemas.js';

const tags = ['vendors'];

/** The public vendor directory: approved vendors only, no private fields. */
export const tenantVendors = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...access.public,
      method: 'get',
      path: '/vendors',
      operationId: 'listVendors',
      tags,
      summary: 'Vendor directory: approved vendors by name',
      description:
        'Filters: `country` (ISO code), `industry`, `verified` (`true`/`false`), `q` (name or ' +
        'description). Keyset pagination: pass `nextCursor` as `cursor`. `limit` 1-100, default 20.',
      request: { query: optionalParams(PublicVendorListQuery) },
      responses: { 200: json(PublicVendorPage, 'One page'), ...errorResponses(400, 403, 404) },
    }),
    async (c) =>
      c.json(await listPublicVendors(c.var.deps.database, c.var.tenant, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      ...access.public,
      method: 'get',
      path: '/vendors/{id}',
      operationId: 'getVendor',
      tags,
      summary: "An approved vendor's public profile (any other vendor is a 404)",
      request: { params: IdParam },
      responses: { 200: json(PublicVendor, 'The vendor'), ...errorResponses(403, 404) },
    }),
    async (c) =>
      c.json(await getPublicVendor(c.var.deps.database, c.var.tenant, c.req.valid('param').id), 200),
  );
