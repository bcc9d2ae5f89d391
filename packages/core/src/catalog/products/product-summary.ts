import type { ProductSummary } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { and, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import { productImageUrl } from '../images/product-image-file.js';
import { likeContains } from '../like-prefix.js';

/** A product in a list (vendor portal, operator queue): the API's `ProductSummary`. */
export type { ProductSummary } from '@agora/contracts';

/** The columns of a `ProductSummary` (all but `imageUrl`). */
export const summaryColumns = (t: TenantTx['t']) => ({
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
});

/** A case-insensitive match on title or SKU, or nothing for an empty search. */
export const titleOrSku = (t: TenantTx['t'], q: string | undefined): SQL | undefined => {
  const text = q?.trim();
  if (!text) return undefined;
  const like = likeContains(text);
  return or(ilike(t.products.title, like), ilike(t.products.sku, like));
};

/**
 * Rows of a listing page as summaries: dates as ISO strings and each product's first image, read
 * for the whole page in one query.
 */
export async function toSummaries<
  R extends Omit<ProductSummary, 'imageUrl' | 'publishedAt' | 'updatedAt'> & {
    publishedAt: Date | null;
    updatedAt: Date;
  },
>({ db, t }: TenantTx, rows: R[]): Promise<(Omit<R, 'publishedAt' | 'updatedAt'> & ProductSummary)[]> {
  const images = rows.length
    ? await db
        .select({ productId: t.productImages.productId, fileKey: t.productImages.fileKey })
        .from(t.productImages)
        .where(
          and(
            inArray(
              t.productImages.productId,
              rows.map((r) => r.id),
            ),
            eq(t.productImages.position, 0),
          ),
        )
    : [];
  const firstImage = new Map(images.map((i) => [i.productId, productImageUrl(i.fileKey)]));
  return rows.map((r) => ({
    ...r,
    imageUrl: firstImage.get(r.id) ?? null,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
  }));
}
