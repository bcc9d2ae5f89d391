import { AppError } from '@agora/contracts';
import { getLogoFile } from '@agora/core';
import { SIGNED_FILES_PATH, verifyFileSignature } from '@agora/files';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { access } from '../access.js';
import type { TenantEnv } from '../context.js';
import { tenantOnly } from '../middleware/surface-guards.js';
import { ErrorBody } from '../openapi.js';

// An SVG opened on its own is a document of the tenant's origin: let it load nothing, run nothing.
const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'";
const body = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;

/**
 * Files served on tenant hosts, outside the JSON API (and before the web apps' catch-all):
 *   GET /media/logo/{file}   the tenant's public logo, content-addressed and cached for a year
 *   GET /files/{key}?exp=&sig=   a private file, with a signature from `signFileUrl`
 * Both look only under the tenant's own storage prefix, so another tenant's file name is a 404.
 */
export const tenantMedia = new Hono<TenantEnv>()
  .get('/media/logo/:file', tenantOnly, async (c) => {
    const logo = await getLogoFile(c.var.deps, c.var.tenant.id, c.req.param('file'));
    if (!logo) throw new AppError('not_found', 'No such logo');
    return c.body(body(logo.bytes), 200, {
      'content-type': logo.contentType,
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      ...(logo.contentType === 'image/svg+xml' ? { 'content-security-policy': SVG_CSP } : {}),
    });
  })
  .get(`${SIGNED_FILES_PATH}*`, tenantOnly, async (c) => {
    const key = c.req.path.slice(SIGNED_FILES_PATH.length);
    const { config, files } = c.var.deps;
    const signed = verifyFileSignature(config.files.secret, key, {
      exp: c.req.query('exp'),
      sig: c.req.query('sig'),
    });
    if (!signed)
      throw new AppError('forbidden', 'This file link is invalid or has expired; ask for a new one');
    // A link signed for another tenant's file is not valid on this host.
    const file = key.startsWith(`tenants/${c.var.tenant.id}/`) ? await files.get(key) : null;
    if (!file) throw new AppError('not_found', 'No such file');
    return c.body(body(file.bytes), 200, {
      'content-type': file.contentType,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      // Whatever the file is, it cannot run script as the marketplace's origin.
      'content-security-policy': `${SVG_CSP}; sandbox`,
    });
  });

const binary = { type: 'string', format: 'binary' } as const;
const notFound = { description: 'Not found', content: { 'application/json': { schema: ErrorBody } } };

/** Describe the media routes in the tenant API's OpenAPI document (they live at the host root). */
export function documentMedia(api: OpenAPIHono<TenantEnv>) {
  api.openAPIRegistry.registerPath({
    ...access.public,
    method: 'get',
    path: '/media/logo/{file}',
    operationId: 'getLogoFile',
    servers: [{ url: '/' }],
    tags: ['branding'],
    summary: "The marketplace's logo (public, at the host root, not under /api/v1)",
    description:
      'The path comes from `theme.logoUrl`. Content-addressed: cached for a year (`immutable`). ' +
      "SVGs are served with `Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'`.",
    request: {
      params: z.object({
        file: z.string().openapi({ param: { name: 'file', in: 'path' }, example: '3f2a9c0d1b7e4a55.png' }),
      }),
    },
    responses: {
      200: {
        description: 'The image',
        content: {
          'image/png': { schema: binary },
          'image/jpeg': { schema: binary },
          'image/svg+xml': { schema: binary },
        },
      },
      404: notFound,
    },
  });
  api.openAPIRegistry.registerPath({
    ...access.public,
    method: 'get',
    path: '/files/{key}',
    operationId: 'getSignedFile',
    servers: [{ url: '/' }],
    tags: ['files'],
    summary: 'A private file through a signed link (at the host root, not under /api/v1)',
    description:
      'Links come from the API (signed with an expiry); `key` may contain slashes. ' +
      'A missing, wrong or expired signature is a 403.',
    request: {
      params: z.object({ key: z.string().openapi({ param: { name: 'key', in: 'path' } }) }),
      query: z.object({
        exp: z.string().openapi({ description: 'Expiry, Unix seconds' }),
        sig: z.string().openapi({ description: 'HMAC-SHA256 of key and exp, base64url' }),
      }),
    },
    responses: {
      200: { description: 'The file, with its stored content type', content: { '*/*': { schema: binary } } },
      403: { description: 'Invalid or expired link', content: { 'application/json': { schema: ErrorBody } } },
      404: notFound,
    },
  });
}
