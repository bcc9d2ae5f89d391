import { AppError } from '@agora/contracts';
import { getProductImageFile } from '@agora/core';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { access } from '../access.js';
import type { TenantEnv } from '../context.js';
import { optionalTenantViewer } from '../middleware/auth.js';
import { tenantOnly } from '../middleware/surface-guards.js';
import { ErrorBody } from '../openapi.js';

/**
 * Product images, public on the tenant's host (outside the JSON API, before the web apps'
 * catch-all): `GET /media/products/{file}`. Content-addressed, so cached for a year. Looks only
 * under the tenant's own storage prefix: another marketplace's file name is a 404.
 */
export const catalogMedia = new Hono<TenantEnv>().get('/media/products/:file', tenantOnly, async (c) => {
  const image = await getProductImageFile(
    c.var.deps,
    c.var.tenant,
    c.req.param('file'),
    await optionalTenantViewer(c),
  );
  if (!image) throw new AppError('not_found', 'No such image');
  return c.body(image.bytes as Uint8Array<ArrayBuffer>, 200, {
    'content-type': image.contentType,
    // An image of a product buyers cannot see goes to its vendor and the operators only: never to a shared cache.
    'cache-control': image.public ? 'public, max-age=31536000, immutable' : 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
});

const binary = { type: 'string', format: 'binary' } as const;

/** Describe the route in the tenant API's OpenAPI document (it lives at the host root). */
export function documentCatalogMedia(api: OpenAPIHono<TenantEnv>) {
  api.openAPIRegistry.registerPath({
    ...access.public,
    method: 'get',
    path: '/media/products/{file}',
    operationId: 'getProductImageFile',
    servers: [{ url: '/' }],
    tags: ['catalog: public'],
    summary: 'A product image (public, at the host root, not under /api/v1)',
    description:
      'Paths come from `images[].url` of products. Images of published products of approved vendors ' +
      'are public and content-addressed: cached for a year (`immutable`). Images of other products ' +
      "(draft, in review, archived, vendor suspended) only for the product's vendor and the operators " +
      '(bearer token or console session), `Cache-Control: private, no-store`; a 404 for anyone else.',
    request: {
      params: z.object({
        file: z
          .string()
          .openapi({ param: { name: 'file', in: 'path' }, example: '3f2a9c0d1b7e4a5566778899.png' }),
      }),
    },
    responses: {
      200: {
        description: 'The image',
        content: { 'image/png': { schema: binary }, 'image/jpeg': { schema: binary } },
      },
      404: { description: 'Not found', content: { 'application/json': { schema: ErrorBody } } },
    },
  });
}
