import type { ProductStatus } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { eq, sql } from 'drizzle-orm';
import { recordTenantAudit } from '../../audit/record-tenant-audit.js';
import { getMarketplaceSettings } from '../../marketplace/get-marketplace-settings.js';
import { productsChanged } from '../catalog-events.js';
import type { VendorActor } from '../vendor-access.js';
import { findVendorProduct } from './find-vendor-product.js';
import { fullProductView, productColumns, type VendorProductView } from './product-view.js';
import { assertVendorMayPublish } from './vendor-status.js';

export type ProductAction = 'publish' | 'unpublish' | 'archive';

const AUDIT_ACTIONS: Record<ProductAction, string> = {
  publish: 'product.published',
  unpublish: 'product.unpublished',
  archive: 'product.archived',
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
    let next: ProductStatus;
    if (action === 'publish') {
      if (current.status === 'published' || current.status === 'pending_review')
        return fullProductView(tx, current);
      await assertVendorMayPublish(tx, actor.vendorId);
      next = (await getMarketplaceSettings(tx)).moderateProducts ? 'pending_review' : 'published';
    } else {
      next = action === 'unpublish' ? 'draft' : 'archived';
      if (current.status === next) return fullProductView(tx, current);
    }
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
    await recordTenantAudit(tx, {
      actorUserId: actor.userId,
      action: next === 'pending_review' ? 'product.submitted' : AUDIT_ACTIONS[action],
      subjectType: 'product',
      subjectId: productId,
      data: { vendorId: actor.vendorId, from: current.status, to: next },
    });
    return fullProductView(tx, row);
  });
}
