import type { ProductStatus } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { productImageUrl } from '../images/product-image-file.js';
import { likeContains } from '../like-prefix.js';
import { CURSOR_TIME, decodeCursor, encodeCursor } from './cursor.js';
import type { ProductSummary } from './list-vendor-products.js';

export type OperatorProductSummary = ProductSummary & {
  vendor: { id: string; name: string; status: string };
};

export type ListOperatorProductsQuery = {
  status?: ProductStatus;
  vendorId?: string;
  q?: string;
  cursor?: string;
  limit: number;
};

/**
 * Products of every vendor, for the operator. The review queue (`status=pending_review`) is
 * oldest first, so nothing waits forever; other lists are most recently changed first. Keyset
 * pagination on (updated_at, id).
 */
export async function listOperatorProducts(
  database: Database,
  tenant: TenantRef,
  query: ListOperatorProductsQuery,
): Promise<{ data: OperatorProductSummary[]; nextCursor: string | null }> {
  const oldestFirst = query.status === 'pending_review';
  return withTenant(database, tenant, async ({ db, t }) => {
    const filters: (SQL | undefined)[] = [];
    if (query.status) filters.push(eq(t.products.status, query.status));
    if (query.vendorId) filters.push(eq(t.products.vendorId, query.vendorId));
    if (query.q?.trim()) {
      const like = likeContains(query.q.trim());
      filters.push(or(ilike(t.products.title, like), ilike(t.products.sku, like)));
    }
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, 2);
      filters.push(
        oldestFirst
          ? sql`(${t.products.updatedAt}, ${t.products.id}) > (${at}::timestamptz, ${id})`
          : sql`(${t.products.updatedAt}, ${t.products.id}) < (${at}::timestamptz, ${id})`,
      );
    }
    const order = oldestFirst ? asc : desc;
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
        cursorAt: sql<string>`to_char(${t.products.updatedAt} at time zone 'UTC', ${sql.raw(CURSOR_TIME)})`,
        vendor: { id: t.vendors.id, name: t.vendors.name, status: t.vendors.status },
      })
      .from(t.products)
      .innerJoin(t.vendors, eq(t.vendors.id, t.products.vendorId))
      .where(filters.length ? and(...filters) : undefined)
      .orderBy(order(t.products.updatedAt), order(t.products.id))
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
      data: page.map(({ cursorAt: _c, ...r }) => ({
        ...r,
        imageUrl: firstImage.get(r.id) ?? null,
        publishedAt: r.publishedAt?.toISOString() ?? null,
        updatedAt: r.updatedAt.toISOString(),
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
    };
  });
}
