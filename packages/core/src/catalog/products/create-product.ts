import { newId, type ProductBody } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { recordTenantAudit } from '../../audit/record-tenant-audit.js';
import { productsChanged } from '../catalog-events.js';
import type { VendorActor } from '../vendor-access.js';
import { fullProductView, productColumns, type VendorProductView } from './product-view.js';
import { productIssues, replaceTiers, skuTaken, throwIfInvalid, writableColumns } from './product-writes.js';

/**
 * Add a product to the actor's vendor, as a draft. Every rule is checked first (400 naming each
 * field, tiers as `tiers.<i>.<field>`); an SKU the vendor already uses is a 409 `sku_taken`.
 */
export async function createProduct(
  database: Database,
  tenant: TenantRef,
  actor: VendorActor,
  input: ProductBody,
): Promise<VendorProductView> {
  return withTenant(database, tenant, async (tx) => {
    throwIfInvalid(await productIssues(tx, input));
    const [row] = await tx.db
      .insert(tx.t.products)
      .values({ id: newId('prd'), vendorId: actor.vendorId, status: 'draft', ...writableColumns(input) })
      .onConflictDoNothing({ target: [tx.t.products.vendorId, tx.t.products.sku] })
      .returning(productColumns(tx.t));
    if (!row) throw skuTaken(input.sku);
    await replaceTiers(tx, row.id, input.tiers);
    await productsChanged(tx, [row.id]);
    await recordTenantAudit(tx, {
      actorUserId: actor.userId,
      action: 'product.created',
      subjectType: 'product',
      subjectId: row.id,
      data: { vendorId: actor.vendorId, sku: row.sku },
    });
    return fullProductView(tx, row);
  });
}
