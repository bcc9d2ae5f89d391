import { type Cdn, tenantSurrogateKey } from '@agora/core';

/**
 * Caching headers for an anonymous, public answer of a tenant (storefront pages, search). With a
 * CDN that Agora can purge (AGORA_CDN_PURGE_URL), shared caches may keep it for `sMaxAge` seconds
 * under the tenant's surrogate key, and the worker purges the key after every change the answer
 * shows. Without one, nothing could tell a cache that a product changed, so caches must ask
 * again every time (`no-cache`): a change shows on the next request either way (ADR 0016).
 */
export function sharedCacheHeaders(
  cdn: Cdn,
  tenantId: string,
  seconds: { sMaxAge: number; staleWhileRevalidate: number },
): Record<string, string> {
  if (!cdn.enabled) return { 'cache-control': 'public, no-cache' };
  return {
    'cache-control': `public, max-age=0, s-maxage=${seconds.sMaxAge}, stale-while-revalidate=${seconds.staleWhileRevalidate}`,
    'surrogate-key': tenantSurrogateKey(tenantId),
  };
}
