import type { ProductBody } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import type { VendorActor } from '../vendor-access.js';
import { fullProductView, type VendorProductView } from './product-view.js';
import { productIssues, throwIfInvalid } from './product-writes.js';
import { writeProducts } from './write-products.js';

/**
 * Add a product to the actor's vendor, as a draft. Every rule is checked first (400 naming each
 * field, tiers as `tiers.<i>.<field>`); an SKU the vendor already uses is a 409 `sku_taken`.
 * Written by `writeProducts`, the CSV import's write path too.
 */
export async function createProduct(
  database: Database,
  tenant: TenantRef,
  actor: VendorActor,
  input: ProductBody,
): Promise<VendorProductView> {
  return withTenant(database, tenant, async (tx) => {
    throwIfInvalid(await productIssues(tx, input));
    const [row] = await writeProducts(tx, actor, [{ current: null, product: input, status: null }]);
    if (!row) throw new Error('product insert returned no row');
    return fullProductView(tx, row);
  });
}
