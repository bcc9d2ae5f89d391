import { type Database, type TenantRef, withTenant } from '@agora/db';
import type { VendorActor } from '../vendor-access.js';
import { findVendorProduct } from './find-vendor-product.js';
import { fullProductView, type VendorProductView } from './product-view.js';

/** One of the actor's vendor's products with tiers, images and any moderation rejection. */
export async function getVendorProduct(
  database: Database,
  tenant: TenantRef,
  actor: Pick<VendorActor, 'vendorId'>,
  productId: string,
): Promise<VendorProductView> {
  return withTenant(database, tenant, async (tx) =>
    fullProductView(tx, await findVendorProduct(tx, actor.vendorId, productId)),
  );
}
