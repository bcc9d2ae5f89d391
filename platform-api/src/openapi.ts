import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@agora/contracts';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Env } from 'hono';
import swaggerUi from 'swagger-ui-dist';
import { controlCharacterIssues } from './middleware/control-characters.js';
import { validationError } from './middleware/errors.js';

/** A sub-app whose validation failures all take the one error shape. */
export function createApi<E extends Env>() {
  return new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (!result.success)
        throw validationError(result.error, result.target === 'json' ? 'request body' : `${result.target}`);
      // Paths and queries are checked app-wide (rejectControlCharacters); bodies once parsed.
      if (result.target === 'json' || result.target === 'form') {
        const fields = controlCharacterIssues(result.data);
        if (fields.length)
          throw new AppError(
            'validation_failed',
            `Invalid request body: check ${[...new Set(fields.map((f) => f.path))].join(', ')}`,
            { fields },
          );
      }
    },
  });
}

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

/** The `nextCursor` of every keyset-paginated list. */
export const NextCursor = z
  .string()
  .nullable()
  .openapi({ description: 'Pass as `cursor` for the next page; null at the end' });

export const errorResponses = (...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415)[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: ERROR_DESCRIPTIONS[s], content: { 'application/json': { schema: ErrorBody } } },
    ]),
  );

const ERROR_DESCRIPTIONS = {
  400: 'Invalid input; `details.fields` names each offending field',
  401: 'Missing, invalid or expired token, or a token for another audience',
  403: 'Not allowed (for example, the marketplace is suspended)',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'The request body is larger than this endpoint accepts (`payload_too_large`, `details.limitBytes`)',
  415: 'The request body has a content type this endpoint does not take',
} as const;

export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  required: true,
  description,
  content: { 'application/json': { schema } },
});

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const assetDir = swaggerUi.getAbsoluteFSPath();
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'text/javascript',
};

/** `GET {base}/openapi.json` and a Swagger UI page at `{base}/docs`, served without a CDN. */
export function mountDocs<E extends Env>(
  app: OpenAPIHono<E>,
  basePath: string,
  info: { title: string; description: string },
) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { ...info, version: '1.0.0' },
    servers: [{ url: basePath }],
  });
  app.get('/docs/assets/:file', (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (!type) throw new AppError('not_found', 'No such asset');
    return c.body(readFileSync(join(assetDir, file)), 200, {
      'content-type': type,
      'cache-control': 'public, max-age=86400',
    });
  });
  app.get('/docs', (c) =>
    c.html(`<!doctype html><html><head><meta charset="utf-8"><title>${info.title}</title>
<link rel="stylesheet" href="docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div><script src="docs/assets/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: 'openapi.json', dom_id: '#ui', showExtensions: true });</script></body></html>`),
  );
}
