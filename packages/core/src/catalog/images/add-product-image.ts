import { createHash } from 'node:crypto';
import { AppError, MAX_PRODUCT_IMAGES } from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import { count, eq } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { keepStoredFile } from '../../files/orphaned-files.js';
import { productsChanged } from '../catalog-events.js';
import { findVendorProduct } from '../products/find-vendor-product.js';
import { loadImages, type ProductImageView } from '../products/product-view.js';
import type { VendorActor } from '../vendor-access.js';
import { productImageKey, sniffProductImage } from './product-image-file.js';

/**
 * Add an image (PNG or JPEG, 2 MB at most, type from the bytes) after the product's others;
 * at most 8 (409 beyond). Files are content-addressed per tenant, so the URL can be cached
 * forever. The file is stored before the row: a failed transaction leaves an unused file, never a
 * broken image. Answers the product's images in order.
 */
export async function addProductImage(
  deps: Pick<Deps, 'database' | 'files'>,
  tenant: TenantRef,
  actor: VendorActor,
  productId: string,
  bytes: Uint8Array,
): Promise<ProductImageView[]> {
  const type = sniffProductImage(bytes);
  // Check the product before storing anything: another vendor's id must not cost a write.
  await withTenant(deps.database, tenant, (tx) => findVendorProduct(tx, actor.vendorId, productId));
  const file = `${createHash('sha256').update(bytes).digest('hex').slice(0, 24)}.${type.ext}`;
  const key = productImageKey(tenant.id, file);
  await deps.files.put(key, bytes, type.contentType);
  return withTenant(deps.database, tenant, async (tx) => {
    await findVendorProduct(tx, actor.vendorId, productId, { lock: true });
    // Another product's copy of the same image may have been deleted since the put above.
    await keepStoredFile(tx, deps.files, key, bytes, type.contentType);
    const [{ n } = { n: 0 }] = await tx.db
      .select({ n: count() })
      .from(tx.t.productImages)
      .where(eq(tx.t.productImages.productId, productId));
    if (n >= MAX_PRODUCT_IMAGES)
      throw new AppError(
        'invalid_state',
        `A product has at most ${MAX_PRODUCT_IMAGES} images; delete one before adding another`,
      );
    await tx.db.insert(tx.t.productImages).values({ productId, position: n, fileKey: key });
    await productsChanged(tx, [productId]);
    return (await loadImages(tx, [productId])).get(productId) ?? [];
  });
}
