import type { ProductStatus } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../../keyset-cursor.js';
import { type ProductSummary, summaryColumns, titleOrSku, toSummaries } from './product-summary.js';

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
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const filters: (SQL | undefined)[] = [eq(t.products.vendorId, actor.vendorId), titleOrSku(t, query.q)];
    if (query.status) filters.push(eq(t.products.status, query.status));
    if (query.cursor) filters.push(gt(t.products.sku, decodeCursor(query.cursor, 1)[0] as string));
    const rows = await db
      .select(summaryColumns(t))
      .from(t.products)
      .where(and(...filters))
      .orderBy(asc(t.products.sku))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: await toSummaries(tx, page),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.sku]) : null,
    };
  });
}
