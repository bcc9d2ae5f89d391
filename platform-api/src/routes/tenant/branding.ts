import { AppError, BrandingWarning, FONTS, Footer, UpdateBrandingBody } from '@agora/contracts';
import { getBranding, logoError, logoTooLarge, removeLogo, setLogo, updateBranding } from '@agora/core';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { TenantEnv } from '../../context.js';
import { lastValue, readForm } from '../../form-body.js';
import { requireTenantUser } from '../../middleware/auth.js';
import { UPLOAD_BODY_LIMITS, uploadLimit } from '../../middleware/body-limit.js';
import { requireOperator } from '../../middleware/roles.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';

const Branding = z
  .object({
    name: z.string().openapi({ example: 'Acme Supply' }),
    tagline: z.string().openapi({ example: 'Industrial parts, wholesale' }),
    theme: z.object({
      primaryColor: z.string().openapi({ example: '#1f4f8b' }),
      accentColor: z.string().openapi({ example: '#b45309' }),
      font: z.enum(FONTS),
      logoUrl: z.string().nullable().openapi({
        example: '/media/logo/3f2a9c0d1b7e4a55.png',
        description: "Path on the marketplace's own host; null without a logo",
      }),
    }),
    // The storefront footer: plain text and links (paths on this site or http(s) addresses).
    footer: Footer,
    warnings: z.array(BrandingWarning).openapi({
      description:
        'Advice that does not stop saving, for example colors with too little contrast for the white ' +
        'text the storefront puts on them. `field` names the form field.',
      example: [
        {
          field: 'accentColor',
          message: 'Low contrast with white text (3.0:1; at least 4.5:1 is recommended)',
        },
      ],
    }),
  })
  .openapi('Branding');

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

const secured = { tags: ['branding'], security: [{ bearer: [] }] };

/** The marketplace's name, tagline, theme and logo (owner and operators only). */
export const tenantBranding = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...secured,
      middleware: [requireTenantUser, requireOperator] as const,
      method: 'get',
      path: '/settings/branding',
      summary: 'Branding: name, tagline, theme and logo, with contrast warnings',
      responses: { 200: json(Branding, 'The branding'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(await getBranding(c.var.deps.database, c.var.tenant), 200),
  )
  .openapi(
    createRoute({
      ...secured,
      middleware: [requireTenantUser, requireOperator] as const,
      method: 'put',
      path: '/settings/branding',
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
      middleware: [requireTenantUser, requireOperator, logoBodyLimit] as const,
      method: 'put',
      path: '/settings/logo',
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
      middleware: [requireTenantUser, requireOperator] as const,
      method: 'delete',
      path: '/settings/logo',
      summary: 'Remove the logo (theme.logoUrl becomes null)',
      responses: { 200: json(Branding, 'The branding without a logo'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(await removeLogo(c.var.deps, c.var.tenant, c.var.user.sub), 200),
  );
