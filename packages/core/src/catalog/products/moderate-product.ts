import { AppError } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { eq, sql } from 'drizzle-orm';
import { recordTenantAudit } from '../../audit/record-tenant-audit.js';
import { emitEvent } from '../../outbox/emit-event.js';
import { productsChanged } from '../catalog-events.js';
import { productNotFound } from './find-vendor-product.js';
import { fullProductView, productColumns, type VendorProductView } from './product-view.js';
import { assertVendorMayPublish } from './vendor-status.js';

export type ModerationDecision = { decision: 'approve' } | { decision: 'reject'; reason: string };

/**
 * The operator's decision on a product waiting in `pending_review`: approve publishes it (if its
 * vendor is still approved), reject sends it back to `draft` with the reason, which is saved on
 * the product (`status_reason`, shown to the vendor until the next status change) and kept in
 * the audit log. Anything not waiting for review is a 409.
 */
export async function moderateProduct(
  database: Database,
  tenant: TenantRef,
  actorUserId: string,
  productId: string,
  input: ModerationDecision,
): Promise<VendorProductView> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const [current] = await db
      .select(productColumns(t))
      .from(t.products)
      .where(eq(t.products.id, productId))
      .for('update');
    if (!current) throw productNotFound();
    if (current.status !== 'pending_review')
      throw new AppError(
        'invalid_state',
        `This product is ${current.status.replace('_', ' ')}, not waiting for review; only products waiting for review can be approved or rejected`,
      );
    if (input.decision === 'approve') await assertVendorMayPublish(tx, current.vendorId);
    const approve = input.decision === 'approve';
    const reason = input.decision === 'reject' ? input.reason : undefined;
    const [row] = await db
      .update(t.products)
      .set({
        status: approve ? 'published' : 'draft',
        statusReason: reason ?? null,
        updatedAt: sql`now()`,
        ...(approve ? { publishedAt: sql`now()` } : {}),
      })
      .where(eq(t.products.id, productId))
      .returning(productColumns(t));
    if (!row) throw new Error('locked product vanished');
    await productsChanged(tx, [productId]);
    await recordTenantAudit(tx, {
      actorUserId,
      action: approve ? 'product.approved' : 'product.rejected',
      subjectType: 'product',
      subjectId: productId,
      data: { vendorId: row.vendorId, sku: row.sku, ...(reason ? { reason } : {}) },
    });
    if (reason !== undefined) {
      // The vendor's contact gets the reason by email (the console promises it).
      await emitEvent(tx, 'product.rejected', { productId, vendorId: row.vendorId, reason });
    } else {
      // A plain record (no route): nothing consumes approvals yet.
      await emitEvent(tx, 'product.approved', { productId, vendorId: row.vendorId });
    }
    return fullProductView(tx, row);
  });
}
