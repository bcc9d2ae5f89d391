import { AppError, PRODUCT_IMAGE_MAX_BYTES } from '@agora/contracts';
import type { StoredFile } from '@agora/files';
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

/**
 * A product image of this tenant by its public file name, or null. The content type follows
 * from the name (set at upload from the sniffed bytes).
 */
export async function getProductImageFile(
  deps: Pick<Deps, 'files'>,
  tenantId: string,
  file: string,
): Promise<StoredFile | null> {
  const ext = FILE.exec(file)?.[1] as keyof typeof CONTENT_TYPES | undefined;
  if (!ext) return null;
  const stored = await deps.files.get(productImageKey(tenantId, file));
  return stored && { bytes: stored.bytes, contentType: CONTENT_TYPES[ext] };
}
