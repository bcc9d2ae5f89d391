import { DEFAULT_MARKETPLACE_SETTINGS, MarketplaceSettings } from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';

/** Stored settings with defaults for anything missing or malformed. */
export function marketplaceSettingsFrom(stored: Record<string, unknown> | undefined): MarketplaceSettings {
  const merged = { ...DEFAULT_MARKETPLACE_SETTINGS, ...(stored ?? {}) };
  const parsed = MarketplaceSettings.safeParse(merged);
  if (!parsed.success) return DEFAULT_MARKETPLACE_SETTINGS;
  const { autoApproveVendors, moderateProducts, approveBuyers, pricesVisibleTo } = parsed.data;
  return { autoApproveVendors, moderateProducts, approveBuyers, pricesVisibleTo };
}

/**
 * The marketplace rules (vendors: `autoApproveVendors`, `moderateProducts`; buyers: `approveBuyers`, `pricesVisibleTo`) inside the caller's unit of
 * work, so a decision and the rule it follows are read in one transaction.
 */
export async function getMarketplaceSettings({ db, t }: TenantTx): Promise<MarketplaceSettings> {
  const [row] = await db
    .select({ marketplace: t.settings.marketplace })
    .from(t.settings)
    .where(eq(t.settings.id, 1));
  return marketplaceSettingsFrom(row?.marketplace);
}

/** The marketplace rules in a unit of work of their own (the settings endpoint). */
export function loadMarketplaceSettings(database: Database, tenant: TenantRef): Promise<MarketplaceSettings> {
  return withTenant(database, tenant, getMarketplaceSettings);
}
