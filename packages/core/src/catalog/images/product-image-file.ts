import { AppError, PRODUCT_IMAGE_MAX_BYTES } from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import type { StoredFile } from '@agora/files';
import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps.js';

/** Product images are public, on the tenant's own host: `/media/products/<sha256 prefix>.<ext>`. */
export const PRODUCT_IMAGE_URL_PATH = '/media/products/';

const FILE = /^[0-9a-f]{24}\.(png|jpg)$/;
const CONTENT_TYPES = { png: 'image/png', jpg: 'image/jpeg' } as const;

/** Storage key of a product image: per tenant, so a file name only finds its own tenant's image. */
export const productImageKey = (tenantId: string, file: string) => `tenants/${tenantId}/products/${file}`;

export const productImageUrl = (fileKey: string) =>
  `${PRODUCT_IMAGE_URL_PATH}${fileKey.slice(fileKey.lastIndexOf('/') + 1)}`;

/** A 400 naming the `file` field, in the one validation-error shape. */
export const imageError = (message: string) =>
  new AppError('validation_failed', `Invalid image: ${message}`, { fields: [{ path: 'file', message }] });

export const imageTooLarge = (size?: number) =>
  imageError(
    `${size === undefined ? 'the file' : `the file (${(size / 1024 / 1024).toFixed(1)} MB)`} is larger ` +
      `than the ${PRODUCT_IMAGE_MAX_BYTES / 1024 / 1024} MB limit; export a smaller image`,
  );

/**
 * What an uploaded product image is, from its bytes (never from a name or header): PNG or JPEG.
 * Throws a 400 naming `file` for anything else, empty files and files over 2 MB.
 */
export function sniffProductImage(bytes: Uint8Array): { ext: 'png' | 'jpg'; contentType: string } {
  if (bytes.byteLength === 0) throw imageError('the file is empty');
  if (bytes.byteLength > PRODUCT_IMAGE_MAX_BYTES) throw imageTooLarge(bytes.byteLength);
  const at = (i: number, sig: number[]) => sig.every((b, k) => bytes[i + k] === b);
  // PNG signature followed by the IHDR chunk; JPEG start-of-image followed by another marker.
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && at(8, [0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]))
    return { ext: 'png', contentType: CONTENT_TYPES.png };
  if (at(0, [0xff, 0xd8, 0xff])) return { ext: 'jpg', contentType: CONTENT_TYPES.jpg };
  throw imageError('the file is not a PNG or JPEG image');
}

/** Who is looking at an image: a signed-in user of the marketplace, or nobody. */
export type ImageViewer = { role: string; vendorId: string | null } | null;

/**
 * A product image of this tenant by its public file name, or null. Only images of products that
 * buyers can see (published, of an approved vendor) are `public`; the images of drafts, products
 * in review or archived, and of suspended vendors' products are there for the product's own vendor
 * and the operators only (`public: false`, not to be cached by shared caches), and a 404 for
 * anyone else, as the product itself is. The content type follows from the name.
 */
export async function getProductImageFile(
  deps: Pick<Deps, 'files' | 'database'>,
  tenant: TenantRef,
  file: string,
  viewer: ImageViewer = null,
): Promise<(StoredFile & { public: boolean }) | null> {
  const ext = FILE.exec(file)?.[1] as keyof typeof CONTENT_TYPES | undefined;
  if (!ext) return null;
  const key = productImageKey(tenant.id, file);
  const users = await withTenant(deps.database, tenant, ({ db, t }) =>
    db
      .select({ status: t.products.status, vendorId: t.products.vendorId, vendorStatus: t.vendors.status })
      .from(t.productImages)
      .innerJoin(t.products, eq(t.products.id, t.productImages.productId))
      .innerJoin(t.vendors, eq(t.vendors.id, t.products.vendorId))
      .where(eq(t.productImages.fileKey, key)),
  );
  const isPublic = users.some((p) => p.status === 'published' && p.vendorStatus === 'approved');
  const operator = viewer?.role === 'owner' || viewer?.role === 'operator';
  const allowed =
    isPublic || users.some((p) => operator || (viewer?.vendorId != null && p.vendorId === viewer.vendorId));
  if (!allowed) return null;
  const stored = await deps.files.get(key);
  return stored && { bytes: stored.bytes, contentType: CONTENT_TYPES[ext], public: isPublic };
}
