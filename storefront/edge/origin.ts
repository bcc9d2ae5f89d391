import type { EdgeEnv } from './env.js';

/** The header the origin checks the shared secret in (platform-api/src/middleware/edge-host.ts). */
export const EDGE_SECRET_HEADER = 'x-agora-edge-secret';

/**
 * Paths the origin serves itself on a marketplace's host (API, console, media, docs, health): the
 * Worker passes them through. Everything else is a storefront page rendered at the edge.
 */
const ORIGIN_PATHS =
  /^\/(?:api|platform|console|console-assets|assets|media|internal|docs|dev|healthz|readyz|openapi\.json|favicon\.ico)(?:\/|$)/;

export const servedByOrigin = (pathname: string) => ORIGIN_PATHS.test(pathname);

/**
 * The same request, addressed to the origin: the marketplace's host goes in X-Forwarded-Host
 * (the Host of a request to the origin names the origin, and Workers cannot set it), believed by
 * the origin because of the shared secret beside it. The client's address, when the platform
 * gives one (Cloudflare's CF-Connecting-IP), is appended to X-Forwarded-For as a proxy does.
 */
export function toOrigin(request: Request, env: EdgeEnv, host: string): Request {
  const url = new URL(request.url);
  const target = new URL(url.pathname + url.search, env.ORIGIN_URL);
  const headers = new Headers(request.headers);
  headers.delete('host');
  headers.set('x-forwarded-host', host);
  headers.set('x-forwarded-proto', url.protocol.replace(':', ''));
  headers.set(EDGE_SECRET_HEADER, env.AGORA_EDGE_SECRET);
  const chain = forwardedFor(request);
  if (chain) headers.set('x-forwarded-for', chain);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(target, {
    method: request.method,
    headers,
    body: hasBody ? request.body : null,
    redirect: 'manual',
  });
}

/**
 * The client's address chain as the origin should see it: what the request brought in
 * X-Forwarded-For, plus the address the platform saw (Cloudflare's CF-Connecting-IP), as a proxy
 * appends it. The origin keeps the entries of the hops it trusts (AGORA_TRUSTED_PROXY_HOPS).
 */
export function forwardedFor(request: Request): string | undefined {
  const prior = request.headers.get('x-forwarded-for') ?? undefined;
  const client = request.headers.get('cf-connecting-ip');
  if (!client) return prior;
  return prior ? `${prior}, ${client}` : client;
}

/**
 * Whether an API answer says this host has no marketplace to show (unknown host, suspended
 * marketplace): the origin's own page for the address is then the answer, so the edge never has
 * its own idea of which hosts exist (custom domains included).
 */
export async function noMarketplace(res: Response): Promise<boolean> {
  if (res.status !== 403 && res.status !== 404 && res.status !== 503) return false;
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as { error?: { code?: string } } | null;
  const code = body?.error?.code;
  return code === 'unknown_host' || code === 'tenant_suspended';
}
