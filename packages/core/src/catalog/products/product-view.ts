import type { ProductImage, VendorProduct } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { asc, inArray } from 'drizzle-orm';
import type { Tier } from '../../pricing/tiers.js';
import { productImageUrl } from '../images/product-image-file.js';

export type ProductRow = TenantTx['t']['products']['$inferSelect'];
export type ProductImageView = ProductImage;

/** A product as its vendor (and the operator) sees it: the API's `VendorProduct`. */
export type VendorProductView = VendorProduct;

/** The columns every view reads (never the search columns, which can be large). */
export const productColumns = (t: TenantTx['t']) => ({
  id: t.products.id,
  vendorId: t.products.vendorId,
  sku: t.products.sku,
  title: t.products.title,
  description: t.products.description,
  categoryId: t.products.categoryId,
  unit: t.products.unit,
  minOrderQty: t.products.minOrderQty,
  orderIncrement: t.products.orderIncrement,
  leadTimeDays: t.products.leadTimeDays,
  stockQty: t.products.stockQty,
  attributes: t.products.attributes,
  currency: t.products.currency,
  basePriceMinor: t.products.basePriceMinor,
  status: t.products.status,
  statusReason: t.products.statusReason,
  publishedAt: t.products.publishedAt,
  createdAt: t.products.createdAt,
  updatedAt: t.products.updatedAt,
});
/** A product without its search columns (kept by the search reindex, not part of any view). */
// `trackStock` is read by checkout only until the product API offers it (issue 12).
export type ProductFields = Omit<ProductRow, 'searchDocument' | 'priceMoqMinor' | 'trackStock'>;

/** Tiers of these products, ascending by bound. */
export async function loadTiers({ db, t }: TenantTx, productIds: string[]): Promise<Map<string, Tier[]>> {
  const byProduct = new Map<string, Tier[]>(productIds.map((id) => [id, []]));
  if (!productIds.length) return byProduct;
  const rows = await db
    .select()
    .from(t.priceTiers)
    .where(inArray(t.priceTiers.productId, productIds))
    .orderBy(asc(t.priceTiers.productId), asc(t.priceTiers.minQty));
  for (const r of rows)
    byProduct.get(r.productId)?.push({ minQty: r.minQty, unitPriceMinor: r.unitPriceMinor });
  return byProduct;
}

/** Images of these products, in their order, as public URLs. */
export async function loadImages(
  { db, t }: TenantTx,
  productIds: string[],
): Promise<Map<string, ProductImageView[]>> {
  const byProduct = new Map<string, ProductImageView[]>(productIds.map((id) => [id, []]));
  if (!productIds.length) return byProduct;
  const rows = await db
    .select()
    .from(t.productImages)
    .where(inArray(t.productImages.productId, productIds))
    .orderBy(asc(t.productImages.productId), asc(t.productImages.position));
  for (const r of rows)
    byProduct.get(r.productId)?.push({ position: r.position, url: productImageUrl(r.fileKey) });
  return byProduct;
}

export const vendorProductView = (
  row: ProductFields,
  tiers: Tier[],
  images: ProductImageView[],
): VendorProductView => ({
  id: row.id,
  vendorId: row.vendorId,
  sku: row.sku,
  title: row.title,
  description: row.description,
  categoryId: row.categoryId,
  unit: row.unit,
  minOrderQty: row.minOrderQty,
  orderIncrement: row.orderIncrement,
  leadTimeDays: row.leadTimeDays,
  stockQty: row.stockQty,
  attributes: row.attributes,
  currency: row.currency,
  basePriceMinor: row.basePriceMinor,
  tiers,
  images,
  status: row.status,
  statusReason: row.statusReason,
  publishedAt: row.publishedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** The full view of one product already read in this unit of work. */
export async function fullProductView(tx: TenantTx, row: ProductFields): Promise<VendorProductView> {
  const tiers = await loadTiers(tx, [row.id]);
  const images = await loadImages(tx, [row.id]);
  return vendorProductView(row, tiers.get(row.id) ?? [], images.get(row.id) ?? []);
}
