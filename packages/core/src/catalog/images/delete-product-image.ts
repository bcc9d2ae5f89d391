import { AppError } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { orphanFiles } from '../../files/orphaned-files.js';
import { productsChanged } from '../catalog-events.js';
import { findVendorProduct } from '../products/find-vendor-product.js';
import { loadImages, type ProductImageView } from '../products/product-view.js';
import type { VendorActor } from '../vendor-access.js';
import { currentImageKeys, writeImageOrder } from './image-order.js';

/**
 * Remove the image at `position`; the ones after it move up. The file is orphaned
 * (`file.orphaned`): deleted after a delay (cached pages may still show it), unless another
 * product uses the same image (files are content-addressed) by then.
 */
export async function deleteProductImage(
  database: Database,
  tenant: TenantRef,
  actor: VendorActor,
  productId: string,
  position: number,
): Promise<ProductImageView[]> {
  return withTenant(database, tenant, async (tx) => {
    await findVendorProduct(tx, actor.vendorId, productId, { lock: true });
    const keys = await currentImageKeys(tx, productId);
    if (!Number.isInteger(position) || position < 0 || position >= keys.length)
      throw new AppError('not_found', `This product has no image at position ${position}`);
    await writeImageOrder(
      tx,
      productId,
      keys.filter((_, i) => i !== position),
    );
    await orphanFiles(tx, [keys[position]]);
    await productsChanged(tx, [productId]);
    return (await loadImages(tx, [productId])).get(productId) ?? [];
  });
}
