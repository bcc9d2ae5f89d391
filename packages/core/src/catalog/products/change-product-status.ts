import { type Database, type TenantRef, withTenant } from '@agora/db';
import { eq, sql } from 'drizzle-orm';
import { recordTenantAudit } from '../../audit/record-tenant-audit.js';
import { getMarketplaceSettings } from '../../marketplace/get-marketplace-settings.js';
import { productsChanged } from '../catalog-events.js';
import type { VendorActor } from '../vendor-access.js';
import { findVendorProduct } from './find-vendor-product.js';
import { fullProductView, productColumns, type VendorProductView } from './product-view.js';
import { assertVendorMayPublish } from './vendor-status.js';
import { nextProductStatus, type ProductIntent, statusAuditEntry } from './write-products.js';

export type ProductAction = 'publish' | 'unpublish' | 'archive';

const INTENTS: Record<ProductAction, ProductIntent> = {
  publish: 'published',
  unpublish: 'draft',
  archive: 'archived',
};

/**
 * A vendor's status change of its own product:
 * - `publish`: only for an approved vendor (else 409 `invalid_state` saying why). With product
 *   moderation on (settings.marketplace.moderateProducts) the product waits in `pending_review`
 *   for the operator; otherwise it is `published` at once, with `publishedAt` now. Publishing a
 *   product that is already published or waiting changes nothing.
 * - `unpublish`: back to `draft` (also withdraws it from review, and restores an archived one).
 * - `archive`: `archived`, hidden everywhere but in the vendor's own lists.
 * Every change clears `status_reason` (a moderation rejection's reason is answered by resubmitting).
 * The status comes from `nextProductStatus`, the rule `writeProducts` (and so the CSV import) uses.
 */
export async function changeProductStatus(
  database: Database,
  tenant: TenantRef,
  actor: VendorActor,
  productId: string,
  action: ProductAction,
): Promise<VendorProductView> {
  return withTenant(database, tenant, async (tx) => {
    const current = await findVendorProduct(tx, actor.vendorId, productId, { lock: true });
    const moderated = action === 'publish' && (await getMarketplaceSettings(tx)).moderateProducts;
    const next = nextProductStatus(current.status, INTENTS[action], moderated);
    if (next === current.status) return fullProductView(tx, current);
    if (action === 'publish') await assertVendorMayPublish(tx, actor.vendorId);
    const [row] = await tx.db
      .update(tx.t.products)
      .set({
        status: next,
        statusReason: null,
        updatedAt: sql`now()`,
        ...(next === 'published' ? { publishedAt: sql`now()` } : {}),
      })
      .where(eq(tx.t.products.id, productId))
      .returning(productColumns(tx.t));
    if (!row) throw new Error('locked product vanished');
    await productsChanged(tx, [productId]);
    await recordTenantAudit(tx, statusAuditEntry(actor.userId, row, current.status, next));
    return fullProductView(tx, row);
  });
}
