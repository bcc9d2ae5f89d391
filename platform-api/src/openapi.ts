import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppError, ErrorBody, NextCursor } from '@agora/contracts';
import { type OpenAPIHono as Api, OpenAPIHono, type RouteConfig, type z } from '@hono/zod-openapi';
import type { Env, MiddlewareHandler } from 'hono';
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

export { ErrorBody, NextCursor };

type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

export const errorResponses = (...statuses: ErrorStatus[]) =>
  Object.fromEntries(statuses.map((s) => [s, errorResponse(s)]));

const errorResponse = (s: ErrorStatus) => ({
  description: ERROR_DESCRIPTIONS[s],
  ...(s === 429
    ? {
        headers: {
          'Retry-After': {
            description: 'Seconds until the limit resets',
            schema: { type: 'integer' as const, minimum: 1 },
          },
        },
      }
    : {}),
  content: { 'application/json': { schema: ErrorBody } },
});

const ERROR_DESCRIPTIONS = {
  400: 'Invalid input; `details.fields` names each offending field',
  401: 'Missing, invalid or expired token, or a token for another audience',
  403: 'Not allowed (for example, the marketplace is suspended)',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'The request body is larger than this endpoint accepts (`payload_too_large`, `details.limitBytes`)',
  415: 'The request body has a content type this endpoint does not take',
  429: 'Too many requests; wait `Retry-After` seconds',
} as const;

/** Middleware that may answer 429 (see middleware/rate-limit.ts), so the document says so. */
export const rateLimiting = new WeakSet<MiddlewareHandler>();

/**
 * The error responses an operation can give, derived in this one place from what the route
 * declares: its access level (access.ts), its inputs and its middleware. Routes add only what
 * their own logic decides (409, a 404 without an id in the path).
 *
 *   400  any input (path, query or body) to validate
 *   401  any level but public
 *   403  any level but public (the role), and on a marketplace's host (suspended marketplace)
 *   404  an id in the path, and on a marketplace's host (no marketplace at this address)
 *   413  a request body (the body limits)
 *   415  a request body (a content type the endpoint does not take)
 *   429  a rate-limiting middleware
 */
export function derivedErrors(route: RouteConfig, surface: Surface): ErrorStatus[] {
  const level = accessLevel(route);
  const { request } = route;
  const middleware = [route.middleware ?? []].flat() as MiddlewareHandler[];
  const statuses = new Set<ErrorStatus>();
  if (request?.body || request?.query || request?.params) statuses.add(400);
  if (level !== 'public') statuses.add(401).add(403);
  if (surface === 'tenant') statuses.add(403).add(404);
  if (route.path.includes('{')) statuses.add(404);
  if (request?.body) statuses.add(413).add(415);
  if (middleware.some((m) => rateLimiting.has(m))) statuses.add(429);
  return [...statuses].sort();
}

type Surface = 'tenant' | 'platform';

function accessLevel(route: RouteConfig): string {
  const level = (route as { 'x-agora-access'?: { level?: string } })['x-agora-access']?.level;
  if (!level || !route.security)
    throw new Error(
      `${route.method.toUpperCase()} ${route.path} declares no access level: spread one from access.ts`,
    );
  return level;
}

/**
 * Fill every operation of `app`'s document from its declarations: the derived error responses
 * (the route's own take precedence), and a check that each has an operationId and an access
 * level. Idempotent; runs when the document is built.
 */
function completeOperations(app: Api<Env>, surface: Surface) {
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== 'route') continue;
    const { route } = def;
    if (!route.operationId) throw new Error(`${route.method.toUpperCase()} ${route.path} has no operationId`);
    const derived = Object.fromEntries(derivedErrors(route, surface).map((s) => [s, errorResponse(s)]));
    def.route = { ...route, responses: { ...derived, ...route.responses } };
  }
}

export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  required: true,
  description,
  content: { 'application/json': { schema } },
});

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

// The folder only: the package's main module loads its 3.3 MB browser bundle into this process
// (about 10 MB of heap and 40 MB of RSS for nothing, ADR 0032).
const assetDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'text/javascript',
};

/** `GET {base}/openapi.json` and a Swagger UI page at `{base}/docs`, served without a CDN. */
export function mountDocs<E extends Env>(
  app: OpenAPIHono<E>,
  basePath: string,
  info: { title: string; description: string; surface: Surface },
) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  const { surface, ...about } = info;
  let document: unknown;
  app.get('/openapi.json', (c) => {
    if (!document) {
      completeOperations(app as unknown as Api<Env>, surface);
      document = app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: { ...about, version: '1.0.0' },
        servers: [{ url: basePath }],
      });
    }
    return c.json(document);
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
