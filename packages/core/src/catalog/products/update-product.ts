import type { ProductBody } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { eq, sql } from 'drizzle-orm';
import { recordTenantAudit } from '../../audit/record-tenant-audit.js';
import { productsChanged } from '../catalog-events.js';
import type { VendorActor } from '../vendor-access.js';
import { findVendorProduct } from './find-vendor-product.js';
import { fullProductView, productColumns, type VendorProductView } from './product-view.js';
import {
  isUniqueViolation,
  productIssues,
  replaceTiers,
  skuTaken,
  throwIfInvalid,
  writableColumns,
} from './product-writes.js';

/**
 * Replace a product's fields and tiers as a whole (PUT). The status is kept: a published
 * product stays published with the new content (search reindexes it). Same rules as creating.
 */
export async function updateProduct(
  database: Database,
  tenant: TenantRef,
  actor: VendorActor,
  productId: string,
  input: ProductBody,
): Promise<VendorProductView> {
  return withTenant(database, tenant, async (tx) => {
    const current = await findVendorProduct(tx, actor.vendorId, productId, { lock: true });
    throwIfInvalid(await productIssues(tx, input, current.categoryId));
    let row: typeof current | undefined;
    try {
      [row] = await tx.db
        .update(tx.t.products)
        .set({ ...writableColumns(input), updatedAt: sql`now()` })
        .where(eq(tx.t.products.id, productId))
        .returning(productColumns(tx.t));
    } catch (e) {
      if (isUniqueViolation(e)) throw skuTaken(input.sku);
      throw e;
    }
    if (!row) throw new Error('locked product vanished');
    await replaceTiers(tx, productId, input.tiers);
    await productsChanged(tx, [productId]);
    await recordTenantAudit(tx, {
      actorUserId: actor.userId,
      action: 'product.updated',
      subjectType: 'product',
      subjectId: productId,
      data: {
        vendorId: actor.vendorId,
        sku: row.sku,
        ...(row.sku !== current.sku ? { previousSku: current.sku } : {}),
      },
    });
    return fullProductView(tx, row);
  });
}
