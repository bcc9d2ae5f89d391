// The storefront's server build (vite, web-worker target): the very file platform-api mounts in
// Node, imported as it is (`../server/index.js` beside this Worker; scripts/build-worker.mjs).
import * as build from 'virtual:storefront-server-build';
import { createRequestHandler, type ServerBuild } from '@remix-run/cloudflare';
import { type CachePolicy, EdgeCache } from './cache.js';
import type { EdgeContext, EdgeEnv } from './env.js';
import { EDGE_SECRET_HEADER, forwardedFor, servedByOrigin, toOrigin } from './origin.js';
import { OriginReads } from './reads.js';

/**
 * The storefront at the edge (workerd: Cloudflare Workers or any workerd host), the Worker
 * adapter of the one storefront build (docs/decisions/0040-edge-rendered-storefront.md):
 * - storefront pages are rendered here; their loaders read the origin's tenant API over HTTP with
 *   the page's host (the origin resolves the marketplace, custom domains included);
 * - anonymous pages and shareable API reads are cached per URL under the origin's surrogate keys,
 *   stale-while-revalidate; a request with a session cookie is rendered every time;
 * - the API, console, media and built assets are passed to the origin (assets cached: their names
 *   carry their content's hash);
 * - `POST /__agora/purge/{key}` (with the shared secret) is the purge the origin's CDN purge calls.
 */
const handle = createRequestHandler(build as unknown as ServerBuild, 'production');

/** Same as the origin's security headers for HTML (platform-api/src/middleware/security-headers.ts). */
const PAGE_CSP = "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
/** A session cookie (console or buyer sign-in): such requests are never answered from the cache. */
const SESSION_COOKIE = /(?:^|;)\s*(?:__Host-)?agora_[a-z_]*session=/i;
const PURGE_PATH = /^\/__agora\/purge(?:\/([^/]+))?$/;

let edgeCache: EdgeCache | null = null;
const cacheFor = (env: EdgeEnv): EdgeCache | null => {
  if (env.EDGE_CACHE === 'off') return null;
  edgeCache ??= new EdgeCache((caches as unknown as { default: Cache }).default);
  return edgeCache;
};

export default {
  async fetch(request: Request, env: EdgeEnv, ctx: EdgeContext): Promise<Response> {
    const url = new URL(request.url);
    const purge = PURGE_PATH.exec(url.pathname);
    if (purge) return purgeRequest(request, env, purge[1]);
    if (url.pathname.startsWith('/assets/')) return asset(request, env, url.host);
    if (servedByOrigin(url.pathname)) return fetch(toOrigin(request, env, url.host));
    return page(request, env, ctx);
  },
};

async function page(request: Request, env: EdgeEnv, ctx: EdgeContext): Promise<Response> {
  const cache = cacheFor(env);
  const anonymous =
    !SESSION_COOKIE.test(request.headers.get('cookie') ?? '') && !request.headers.has('authorization');
  if (!cache || request.method !== 'GET' || !anonymous) {
    // Signed in: the page and its reads come from the origin (the reads refresh the shared copies).
    const { response } = await render(request, env, ctx, cache, 'refresh');
    return finish(request, response, 'BYPASS');
  }
  const key = pageKey(request);
  const hit = await cache.lookup(key);
  if (hit) {
    if (hit.state === 'stale') {
      // Its own request: the visitor's may be aborted once the stale copy is sent.
      const again = new Request(request.url, { headers: request.headers });
      ctx.waitUntil(cache.revalidate(key, () => renderAndStore(again, env, ctx, cache, key, 'refresh')));
    }
    return finish(request, hit.response, hit.state === 'fresh' ? 'HIT' : 'STALE');
  }
  return finish(request, await renderAndStore(request, env, ctx, cache, key, 'read-through'), 'MISS');
}

async function renderAndStore(
  request: Request,
  env: EdgeEnv,
  ctx: EdgeContext,
  cache: EdgeCache,
  key: string,
  mode: 'read-through' | 'refresh',
): Promise<Response> {
  const startedAt = Date.now();
  const { response, policy } = await render(request, env, ctx, cache, mode);
  if (!policy || response.status !== 200 || response.headers.has('set-cookie')) return response;
  const body = await response.text();
  await cache.store(key, response, body, policy, startedAt);
  return new Response(body, response);
}

/** One render of the storefront build with a transport to the origin; the origin's own page when there is no marketplace here. */
async function render(
  request: Request,
  env: EdgeEnv,
  ctx: EdgeContext,
  cache: EdgeCache | null,
  mode: 'read-through' | 'refresh',
): Promise<{ response: Response; policy: CachePolicy | null }> {
  const url = new URL(request.url);
  const reads = new OriginReads(env, url.host, cache, ctx, mode);
  // As in Node (platform-api/src/ui.ts): the request id and the client's address travel with the
  // loaders' API calls, so the API's rate limits see the visitor, not the edge.
  const headers: Record<string, string> = {
    'x-request-id': request.headers.get('x-request-id') ?? crypto.randomUUID(),
  };
  const chain = forwardedFor(request);
  if (chain) headers['x-forwarded-for'] = chain;
  const transport = { fetch: reads.fetch, origin: url.origin, headers };
  const response = await handle(request, { transport });
  if (reads.noMarketplace) {
    await response.body?.cancel();
    return { response: await fetch(toOrigin(request, env, url.host)), policy: null };
  }
  return { response, policy: reads.policy };
}

/** The cache key of a page: its URL (host included) without the fragment. */
const pageKey = (request: Request) => {
  const url = new URL(request.url);
  url.hash = '';
  return url.toString();
};

/** What every page answer gets: the origin's page security headers, revalidation by browsers, the cache's verdict. */
function finish(request: Request, res: Response, verdict: 'HIT' | 'STALE' | 'MISS' | 'BYPASS'): Response {
  const headers = new Headers(res.headers);
  headers.set('x-agora-edge-cache', verdict);
  if ((headers.get('content-type') ?? '').startsWith('text/html')) {
    if (!headers.has('content-security-policy')) headers.set('content-security-policy', PAGE_CSP);
    headers.set('x-frame-options', 'DENY');
    headers.set('x-content-type-options', 'nosniff');
  }
  // As at the origin (platform-api/src/ui.ts): a signed-in page has no validator and no shared-cache headers.
  if (verdict === 'BYPASS') headers.delete('etag');
  if (verdict !== 'BYPASS' && res.status === 200) {
    // Browsers keep the page but ask again each time; the edge answers 304 while it is unchanged.
    headers.set('cache-control', 'public, no-cache');
    headers.append('vary', 'Cookie');
    const tag = headers.get('etag');
    if (tag && etagMatches(request.headers.get('if-none-match'), tag)) {
      res.body?.cancel();
      return new Response(null, { status: 304, headers });
    }
  }
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

function etagMatches(ifNoneMatch: string | null, tag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = tag.replace(/^W\//, '');
  return (ifNoneMatch.match(/(?:W\/)?"[^"]*"/g) ?? []).some((t) => t.replace(/^W\//, '') === opaque);
}

/** Built client assets: from the origin, kept at the edge (their names change with their content). */
async function asset(request: Request, env: EdgeEnv, host: string): Promise<Response> {
  const cache = cacheFor(env);
  if (request.method !== 'GET' || !cache) return fetch(toOrigin(request, env, host));
  const store = (caches as unknown as { default: Cache }).default;
  const key = new URL(new URL(request.url).pathname, 'https://assets.agora-edge.invalid').toString();
  const hit = await store.match(key);
  if (hit) return hit;
  const res = await fetch(toOrigin(request, env, host));
  if (res.status === 200 && /\bimmutable\b/.test(res.headers.get('cache-control') ?? '')) {
    const body = await res.arrayBuffer();
    await store.put(key, new Response(body, res));
    return new Response(body, res);
  }
  return res;
}

/**
 * The purge the origin's CDN purge reaches (ADR 0016's HttpCdn: POST to a URL with `{key}`, body
 * `{"tags":[key]}`): `AGORA_CDN_PURGE_URL=https://<edge host>/__agora/purge/{key}` with
 * `AGORA_CDN_PURGE_HEADERS={"x-agora-edge-secret":"..."}`. Keys come from the path or the body.
 */
async function purgeRequest(request: Request, env: EdgeEnv, pathKey: string | undefined): Promise<Response> {
  if (
    request.method !== 'POST' ||
    !env.AGORA_EDGE_SECRET ||
    !(await sameSecret(request.headers.get(EDGE_SECRET_HEADER), env.AGORA_EDGE_SECRET))
  )
    return new Response('Not found', { status: 404 });
  const body = (await request.json().catch(() => null)) as { tags?: unknown } | null;
  const keys = new Set<string>(pathKey ? [decodeURIComponent(pathKey)] : []);
  if (Array.isArray(body?.tags)) for (const t of body.tags) if (typeof t === 'string' && t) keys.add(t);
  if (keys.size === 0)
    return Response.json(
      { error: { code: 'validation_failed', message: 'No key to purge' } },
      { status: 400 },
    );
  const cache = cacheFor(env);
  if (cache) await cache.purge([...keys]);
  return Response.json({ purged: [...keys] });
}

/** Constant-time comparison of two secrets (by their SHA-256, so lengths do not leak either). */
async function sameSecret(sent: string | null, secret: string): Promise<boolean> {
  if (sent === null) return false;
  const digest = async (s: string) =>
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));
  const [a, b] = await Promise.all([digest(sent), digest(secret)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
