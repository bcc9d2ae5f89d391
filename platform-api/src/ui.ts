import type { Transport } from '@agora/api-client';
import type { AppError } from '@agora/contracts';
import type { Context, Hono } from 'hono';
import type { UiApps } from './app.js';
import type { AppEnv } from './context.js';
import { allowBody, MAX_UPLOAD_BODY, tooLargeResponse } from './middleware/body-limit.js';
import { pageDigest } from './page-digest.js';
import { crossSiteFormPage, fallbackPage } from './pages.js';
import type { RemixApp } from './remix.js';
import { STOREFRONT_CACHE } from './routes/tenant/storefront.js';
import { sharedCacheHeaders } from './shared-cache.js';

// Anonymous storefront pages may be kept by a CDN that Agora purges (see shared-cache.ts); the
// same policy as the storefront's branding read, which the edge storefront follows (ADR 0040).
const PAGE_CACHE = STOREFRONT_CACHE;

/**
 * Tenant hosts: `/console/*` -> tenant console, everything else -> storefront.
 * Platform host: the staff pages of the console app.
 * Loaders reach the API through the typed client over this app's own fetch (no socket).
 */
export function mountUi(app: Hono<AppEnv>, ui: UiApps) {
  // With the page request's server bindings: the API then sees the browser's connection (its
  // address, for rate limits) as it would over the network. Nothing a client sends can set them.
  const inProcessFor = (c: Context<AppEnv>) => (request: Request) =>
    Promise.resolve(app.fetch(request, c.env));

  const serveAssets = (remix: RemixApp | null) => async (c: Context<AppEnv>) =>
    (remix && (await remix.asset(c.req.path))) ?? fallbackPage(c);
  app.get('/assets/*', serveAssets(ui.storefront));
  app.get('/console-assets/*', serveAssets(ui.console));
  app.get('/favicon.ico', (c) => c.body(null, 404));

  app.all('*', async (c) => {
    if (/^\/(api|platform)\//.test(c.req.path)) return fallbackPage(c); // unknown API path: JSON 404
    const surface = c.var.surface;
    if (crossSiteWrite(c.req.raw)) return crossSiteFormPage(c);
    // Pages with file fields forward the files to the API, which applies each endpoint's own limit.
    if ((c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data'))
      allowBody(c, MAX_UPLOAD_BODY);
    const request = await withBodyRead(c);
    if (!request) return tooLargeResponse(c, c.var.bodyLimit?.exceeded as AppError);
    const origin = `http://${c.req.header('host') ?? ''}`;
    // The page request's X-Forwarded-For travels with the loaders' API calls, so the API reads the
    // client address exactly as it would from a direct call (see middleware/rate-limit.ts).
    const forwarded = c.req.header('x-forwarded-for');
    const headers: Record<string, string> = {
      'x-request-id': c.var.requestId,
      ...(forwarded ? { 'x-forwarded-for': forwarded } : {}),
    };
    const inProcess = inProcessFor(c);
    if (surface.kind === 'tenant' && surface.tenant.status === 'active') {
      const tenant = { id: surface.tenant.id, slug: surface.tenant.slug };
      const transport: Transport = { fetch: inProcess, origin, headers };
      const isConsole = c.req.path === '/console' || c.req.path.startsWith('/console/');
      const remix = isConsole ? ui.console : ui.storefront;
      if (!remix) return notBuilt(c);
      const res = await remix.handle(request, { transport, tenant, surface: 'tenant', pageDigest });
      return isConsole ? res : cacheablePage(c, res, tenant.id);
    }
    if (surface.kind === 'platform') {
      if (!ui.console) return notBuilt(c);
      return ui.console.handle(request, {
        transport: { fetch: inProcess, origin, headers },
        surface: 'platform',
      });
    }
    return fallbackPage(c);
  });
}

/**
 * Whether a write (an action) comes from another site's page: its Origin names another host than
 * the one it was sent to. Remix refuses these too, by throwing (a 500 and a logged crash); here
 * they become a 403 first. Same comparison as Remix: X-Forwarded-Host (first value) or Host.
 */
export function crossSiteWrite(request: Request): boolean {
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) return false;
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  const host =
    request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host') || '';
  try {
    return origin === 'null' || new URL(origin).host !== host;
  } catch {
    return true; // an Origin that is not a URL
  }
}

/**
 * The page request with its body (if any) read here, within the body limit: a body over it is
 * answered with the 413 (null here) before the web app's action runs, rather than failing inside it.
 */
async function withBodyRead(c: Context<AppEnv>): Promise<Request | null> {
  const raw = c.req.raw;
  if (!raw.body || raw.method === 'GET' || raw.method === 'HEAD') return raw;
  try {
    return new Request(raw, { body: await c.req.arrayBuffer() });
  } catch (e) {
    if (c.var.bodyLimit?.exceeded) return null;
    throw e;
  }
}

/** An anonymous storefront page: shared-cache headers (CDN or `no-cache`), and 304 when unchanged. */
function cacheablePage(c: Context<AppEnv>, res: Response, tenantId: string): Response {
  const anonymous = !c.req.header('cookie') && !res.headers.has('set-cookie');
  if (c.req.method !== 'GET' || res.status !== 200 || !anonymous || res.headers.has('cache-control')) {
    res.headers.delete('etag');
    return res;
  }
  for (const [name, value] of Object.entries(sharedCacheHeaders(c.var.deps.cdn, tenantId, PAGE_CACHE)))
    res.headers.set(name, value);
  res.headers.append('vary', 'Cookie');
  // The storefront's entry.server tags each page with a weak ETag of its bytes (made where the
  // page is one string: reading the body back here would cost more than rendering's tail).
  const tag = res.headers.get('etag');
  return tag && etagMatches(c.req.header('if-none-match'), tag) ? notModified(res.headers) : res;
}

const notBuilt = (c: Context<AppEnv>) =>
  c.text('The web apps are not built. Run `pnpm build` (npm start does this for you).', 503);

/** Whether an If-None-Match header names this (weak) tag; weak comparison, as for GET. */
function etagMatches(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = tag.replace(/^W\//, '');
  return (ifNoneMatch.match(/(?:W\/)?"[^"]*"/g) ?? []).some((t) => t.replace(/^W\//, '') === opaque);
}

/** A 304 with the headers a 200 would have sent that describe the cached page (RFC 9110 15.4.5). */
function notModified(headers: Headers): Response {
  const kept = new Headers();
  for (const name of ['cache-control', 'etag', 'vary', 'surrogate-key', 'expires', 'content-location']) {
    const value = headers.get(name);
    if (value !== null) kept.set(name, value);
  }
  return new Response(null, { status: 304, headers: kept });
}
