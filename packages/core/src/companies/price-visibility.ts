import type { MarketplaceSettings, PublicProduct, SearchResult } from '@agora/contracts';

type WithPrices = Omit<SearchResult, 'pricesHidden'>;

import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, eq } from 'drizzle-orm';

/**
 * Who sees prices (ADR 0034): with `pricesVisibleTo: 'approved_buyers'`, only members of an
 * approved buyer company; everyone else (anonymous visitors, members of companies not approved
 * yet, operators and vendors on the storefront) gets every public answer without prices.
 */
export async function pricesVisibleTo(
  database: Database,
  tenant: TenantRef,
  rule: MarketplaceSettings['pricesVisibleTo'],
  viewer: { userId: string; companyId: string | null } | null,
): Promise<boolean> {
  if (rule === 'everyone') return true;
  if (!viewer?.companyId) return false;
  const companyId = viewer.companyId;
  const [row] = await withTenant(database, tenant, ({ db, t }) =>
    db
      .select({ id: t.companies.id })
      .from(t.companies)
      .where(and(eq(t.companies.id, companyId), eq(t.companies.status, 'approved'))),
  );
  return row !== undefined;
}

/** A product without its prices: no list price, no tiers (the rest is public). */
export const productWithoutPrices = (p: PublicProduct): PublicProduct => ({
  ...p,
  basePriceMinor: null,
  tiers: [],
  pricesHidden: true,
});

/** Search results without prices (hits keep everything else; facets do not carry prices). */
export const searchWithoutPrices = (r: WithPrices): SearchResult => ({
  ...r,
  items: r.items.map((item) => ({ ...item, unitPriceMinor: null, basePriceMinor: null })),
  pricesHidden: true,
});
