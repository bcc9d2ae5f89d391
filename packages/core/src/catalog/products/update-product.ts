import type { ProductBody } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import type { VendorActor } from '../vendor-access.js';
import { findVendorProduct } from './find-vendor-product.js';
import { fullProductView, type VendorProductView } from './product-view.js';
import { productIssues, throwIfInvalid } from './product-writes.js';
import { writeProducts } from './write-products.js';

/**
 * Replace a product's fields and tiers as a whole (PUT). The status is kept: a published
 * product stays published with the new content (search reindexes it). Same rules as creating,
 * same write path (`writeProducts`).
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
    const [row] = await writeProducts(tx, actor, [{ current, product: input, status: null }]);
    if (!row) throw new Error('locked product vanished');
    return fullProductView(tx, row);
  });
}
