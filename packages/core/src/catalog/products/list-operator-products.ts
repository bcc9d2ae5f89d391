import type { OperatorProductSummary, ProductStatus } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { CURSOR_TIME, decodeTimeCursor, encodeCursor } from '../../keyset-cursor.js';
import { summaryColumns, titleOrSku, toSummaries } from './product-summary.js';

export type { OperatorProductSummary } from '@agora/contracts';

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
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const filters: (SQL | undefined)[] = [titleOrSku(t, query.q)];
    if (query.status) filters.push(eq(t.products.status, query.status));
    if (query.vendorId) filters.push(eq(t.products.vendorId, query.vendorId));
    if (query.cursor) {
      const [at, id] = decodeTimeCursor(query.cursor);
      filters.push(
        oldestFirst
          ? sql`(${t.products.updatedAt}, ${t.products.id}) > (${at}::timestamptz, ${id})`
          : sql`(${t.products.updatedAt}, ${t.products.id}) < (${at}::timestamptz, ${id})`,
      );
    }
    const order = oldestFirst ? asc : desc;
    const rows = await db
      .select({
        ...summaryColumns(t),
        cursorAt: sql<string>`to_char(${t.products.updatedAt} at time zone 'UTC', ${sql.raw(CURSOR_TIME)})`,
        vendor: { id: t.vendors.id, name: t.vendors.name, status: t.vendors.status },
      })
      .from(t.products)
      .innerJoin(t.vendors, eq(t.vendors.id, t.products.vendorId))
      .where(and(...filters))
      .orderBy(order(t.products.updatedAt), order(t.products.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: (await toSummaries(tx, page)).map(({ cursorAt: _c, ...r }) => r),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
    };
  });
}
