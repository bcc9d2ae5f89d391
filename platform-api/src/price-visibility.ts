import { loadMarketplaceSettings, pricesVisibleTo } from '@agora/core';
import type { Context } from 'hono';
import type { TenantEnv } from './context.js';
import { optionalTenantViewer } from './middleware/auth.js';

/** The public cache key of the marketplace rules (dropped by the settings write, `changesPublic`). */
const RULES = 'marketplace-rules';

export type PriceAccess = {
  /** Whether this caller sees prices. */
  visible: boolean;
  /**
   * The answer depends on who asks (the marketplace hides prices from some callers): it varies
   * on Authorization and Cookie, and a signed-in caller's answer is never stored by a shared
   * cache (`private, no-store`), so a buyer's prices are never served to anyone else and an
   * anonymous answer (no prices) never reaches a cache as a buyer's.
   */
  personal: boolean;
  signedIn: boolean;
};

/**
 * Whether the caller of a public catalog route sees prices (ADR 0034). With the default rule
 * (`everyone`) this is one in-process cache read; with `approved_buyers`, a signed-in caller
 * costs their session check and one company read.
 */
export async function priceAccess(c: Context<TenantEnv>): Promise<PriceAccess> {
  const { database, publicCache } = c.var.deps;
  const tenant = c.var.tenant;
  const rules = await publicCache.read(tenant.id, RULES, () => loadMarketplaceSettings(database, tenant));
  if (rules.pricesVisibleTo === 'everyone') return { visible: true, personal: false, signedIn: false };
  const viewer = await optionalTenantViewer(c);
  return {
    visible: await pricesVisibleTo(database, tenant, rules.pricesVisibleTo, viewer),
    personal: true,
    signedIn: viewer !== null,
  };
}

/** The caching headers of a public answer whose prices depend on the caller (see PriceAccess). */
export function priceCacheHeaders(
  access: PriceAccess,
  shared: Record<string, string>,
): Record<string, string> {
  if (!access.personal) return shared;
  if (access.signedIn) return { 'cache-control': 'private, no-store', vary: 'Authorization, Cookie' };
  return { ...shared, vary: 'Authorization, Cookie' };
}
