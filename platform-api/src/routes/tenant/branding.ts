import { AppError, Branding, UpdateBrandingBody } from '@agora/contracts';
import { getBranding, logoError, logoTooLarge, removeLogo, setLogo, updateBranding } from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { lastValue, readForm } from '../../form-body.js';
import { UPLOAD_BODY_LIMITS, uploadLimit } from '../../middleware/body-limit.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';
import { changesPublic } from '../../public-cache.js';

const binary = { type: 'string', format: 'binary' } as const;

/** Oversized uploads are refused (413) while being read, before the whole body is in memory. */
const logoBodyLimit = uploadLimit(UPLOAD_BODY_LIMITS.logo, () => logoTooLarge());

/** The uploaded bytes: the raw body (any image/* type, sniffed later) or a multipart `file`. */
async function logoBytes(c: Context<TenantEnv>): Promise<Uint8Array> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'multipart/form-data') {
    const file = lastValue((await readForm(c)).file);
    if (!(file instanceof File)) throw logoError('send the image in a multipart field named "file"');
    return new Uint8Array(await file.arrayBuffer());
  }
  if (type.startsWith('image/') || type === 'application/octet-stream')
    return new Uint8Array(await c.req.arrayBuffer());
  throw new AppError(
    'unsupported_media_type',
    'Send the logo as the request body with Content-Type image/png, image/jpeg or image/svg+xml, ' +
      'or as multipart/form-data with a "file" field',
  );
}

const secured = { tags: ['branding'], ...access.operator };

/** The marketplace's name, tagline, theme and logo (owner and operators only). */
export const tenantBranding = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...secured,
      method: 'get',
      path: '/settings/branding',
      operationId: 'getBranding',
      summary: 'Branding: name, tagline, theme and logo, with contrast warnings',
      responses: { 200: json(Branding, 'The branding'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(await getBranding(c.var.deps.database, c.var.tenant), 200),
  )
  .openapi(
    createRoute({
      ...secured,
      ...changesPublic(...access.operator.middleware),
      method: 'put',
      path: '/settings/branding',
      operationId: 'updateBranding',
      summary: 'Change name, tagline, colors, font and footer',
      description:
        'Replaces all of these fields; the logo is kept (see PUT /settings/logo), and so is the footer when ' +
        '`footer` is left out. Colors are `#rrggbb`. Footer text and link labels are plain text (no `<` or `>`). ' +
        'Saving succeeds despite warnings; `warnings` in the answer says what to improve. ' +
        'Records a `settings.branding_updated` event.',
      request: { body: jsonBody(UpdateBrandingBody) },
      responses: {
        200: json(Branding, 'The branding as saved'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) =>
      c.json(
        await updateBranding(c.var.deps.database, c.var.tenant, c.var.user.sub, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...secured,
      ...changesPublic(...access.operator.middleware, logoBodyLimit),
      method: 'put',
      path: '/settings/logo',
      operationId: 'uploadLogo',
      summary: 'Upload the logo (PNG, JPEG or SVG, at most 512 KB)',
      description:
        'Send the image bytes as the body with their Content-Type (`image/png`, `image/jpeg`, ' +
        '`image/svg+xml`), or as `multipart/form-data` with the file in a field named `file`. The ' +
        'type is read from the bytes, not from the header. SVGs must be plain vector images: ' +
        'scripts, event handlers, external or javascript:/data: references, <foreignObject>, ' +
        '<!DOCTYPE> and embedded documents are rejected. A rejected file changes nothing. The logo ' +
        "is then public at `theme.logoUrl`, a content-addressed path on the marketplace's host.",
      request: {
        body: {
          required: true,
          content: {
            'image/png': { schema: binary },
            'image/jpeg': { schema: binary },
            'image/svg+xml': { schema: binary },
            'multipart/form-data': {
              schema: { type: 'object', properties: { file: binary }, required: ['file'] },
            },
          },
        },
      },
      responses: {
        200: json(Branding, 'The branding with the new logoUrl'),
        ...errorResponses(400, 401, 403, 404, 415),
      },
    }),
    async (c) => {
      const bytes = await logoBytes(c);
      return c.json(await setLogo(c.var.deps, c.var.tenant, c.var.user.sub, bytes), 200);
    },
  )
  .openapi(
    createRoute({
      ...secured,
      ...changesPublic(...access.operator.middleware),
      method: 'delete',
      path: '/settings/logo',
      operationId: 'deleteLogo',
      summary: 'Remove the logo (theme.logoUrl becomes null)',
      responses: { 200: json(Branding, 'The branding without a logo'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(await removeLogo(c.var.deps, c.var.tenant, c.var.user.sub), 200),
  );
