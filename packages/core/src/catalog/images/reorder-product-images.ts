import { AppError } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { productsChanged } from '../catalog-events.js';
import { findVendorProduct } from '../products/find-vendor-product.js';
import { loadImages, type ProductImageView } from '../products/product-view.js';
import type { VendorActor } from '../vendor-access.js';
import { currentImageKeys, writeImageOrder } from './image-order.js';

/**
 * Put a product's images in a new order. `positions` lists every current position once, in the
 * new order: `[2, 0, 1]` makes the third image the first. Anything else is a 400 naming
 * `positions`.
 */
export async function reorderProductImages(
  database: Database,
  tenant: TenantRef,
  actor: VendorActor,
  productId: string,
  positions: number[],
): Promise<ProductImageView[]> {
  return withTenant(database, tenant, async (tx) => {
    await findVendorProduct(tx, actor.vendorId, productId, { lock: true });
    const keys = await currentImageKeys(tx, productId);
    const sorted = [...positions].sort((a, b) => a - b);
    if (sorted.length !== keys.length || sorted.some((p, i) => p !== i)) {
      const message = `must list each of the positions 0 to ${keys.length - 1} exactly once`;
      throw new AppError('validation_failed', `Invalid image order: positions ${message}`, {
        fields: [{ path: 'positions', message }],
      });
    }
    await writeImageOrder(
      tx,
      productId,
      positions.map((p) => keys[p] as string),
    );
    await productsChanged(tx, [productId]);
    return (await loadImages(tx, [productId])).get(productId) ?? [];
  });
}
