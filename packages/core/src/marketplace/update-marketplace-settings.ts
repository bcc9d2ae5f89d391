import type { MarketplaceSettings, MarketplaceSettingsBody } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import { lockSettings } from '../branding/branding-view.js';
import { emitEvent } from '../outbox/emit-event.js';
import { marketplaceSettingsFrom } from './get-marketplace-settings.js';

/**
 * Replace the marketplace rules. A change is written to the tenant audit log with the values
 * before and after. Turning on automatic approval affects new applications (and sign-ups) only.
 */
export async function updateMarketplaceSettings(
  database: Database,
  tenant: TenantRef,
  actorUserId: string,
  input: MarketplaceSettingsBody,
): Promise<MarketplaceSettings> {
  return withTenant(database, tenant, async (tx) => {
    const row = await lockSettings(tx);
    const before = marketplaceSettingsFrom(row.marketplace);
    const after: MarketplaceSettings = {
      autoApproveVendors: input.autoApproveVendors,
      moderateProducts: input.moderateProducts,
      // Left out: kept as they are (callers from before the buyer rules send two fields).
      approveBuyers: input.approveBuyers ?? before.approveBuyers,
      pricesVisibleTo: input.pricesVisibleTo ?? before.pricesVisibleTo,
    };
    await tx.db
      .update(tx.t.settings)
      .set({ marketplace: { ...row.marketplace, ...after }, updatedAt: new Date() })
      .where(eq(tx.t.settings.id, 1));
    const changed = (Object.keys(after) as (keyof MarketplaceSettings)[]).filter(
      (k) => before[k] !== after[k],
    );
    if (changed.length) {
      await recordTenantAudit(tx, {
        actorUserId,
        action: 'settings.marketplace_updated',
        subjectType: 'settings',
        subjectId: 'marketplace',
        data: { changed, before, after },
      });
    }
    // Who sees prices shows on every page: cached anonymous pages are purged (ADR 0034).
    if (changed.includes('pricesVisibleTo'))
      await emitEvent(tx, 'settings.marketplace_updated', { changed: ['pricesVisibleTo'] });
    return after;
  });
}
