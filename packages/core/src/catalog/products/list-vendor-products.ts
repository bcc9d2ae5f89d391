import type { ProductStatus } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, asc, eq, gt, ilike, inArray, or, type SQL } from 'drizzle-orm';
import { productImageUrl } from '../images/product-image-file.js';
import { likeContains } from '../like-prefix.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export type ProductSummary = {
  id: string;
  sku: string;
  title: string;
  status: ProductStatus;
  categoryId: string | null;
  unit: string;
  minOrderQty: number;
  stockQty: number;
  currency: string;
  basePriceMinor: number;
  /** The first image, or null. */
  imageUrl: string | null;
  publishedAt: string | null;
  updatedAt: string;
};

export type ListVendorProductsQuery = { status?: ProductStatus; q?: string; cursor?: string; limit: number };

/**
 * The vendor's own products by SKU (keyset on the unique (vendor, sku) index, so deep pages are
 * as fast as the first), filtered by status and by a case-insensitive match on title or SKU.
 */
export async function listVendorProducts(
  database: Database,
  tenant: TenantRef,
  actor: { vendorId: string },
  query: ListVendorProductsQuery,
): Promise<{ data: ProductSummary[]; nextCursor: string | null }> {
  return withTenant(database, tenant, async ({ db, t }) => {
    const filters: (SQL | undefined)[] = [eq(t.products.vendorId, actor.vendorId)];
    if (query.status) filters.push(eq(t.products.status, query.status));
    if (query.q?.trim()) {
      const like = likeContains(query.q.trim());
      filters.push(or(ilike(t.products.title, like), ilike(t.products.sku, like)));
    }
    if (query.cursor) filters.push(gt(t.products.sku, decodeCursor(query.cursor, 1)[0] as string));
    const rows = await db
      .select({
        id: t.products.id,
        sku: t.products.sku,
        title: t.products.title,
        status: t.products.status,
        categoryId: t.products.categoryId,
        unit: t.products.unit,
        minOrderQty: t.products.minOrderQty,
        stockQty: t.products.stockQty,
        currency: t.products.currency,
        basePriceMinor: t.products.basePriceMinor,
        publishedAt: t.products.publishedAt,
        updatedAt: t.products.updatedAt,
      })
      .from(t.products)
      .where(and(...filters))
      .orderBy(asc(t.products.sku))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const images = page.length
      ? await db
          .select({ productId: t.productImages.productId, fileKey: t.productImages.fileKey })
          .from(t.productImages)
          .where(
            and(
              inArray(
                t.productImages.productId,
                page.map((r) => r.id),
              ),
              eq(t.productImages.position, 0),
            ),
          )
      : [];
    const firstImage = new Map(images.map((i) => [i.productId, productImageUrl(i.fileKey)]));
    const last = page.at(-1);
    return {
      data: page.map((r) => ({
        ...r,
        imageUrl: firstImage.get(r.id) ?? null,
        publishedAt: r.publishedAt?.toISOString() ?? null,
        updatedAt: r.updatedAt.toISOString(),
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.sku]) : null,
    };
  });
}
