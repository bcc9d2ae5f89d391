import { AppError, type PageQuery } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import { CURSOR_TIME, decodeTimeCursor, encodeCursor } from '../../keyset-cursor.js';
import {
  type CatalogImportSummary,
  type CatalogImportView,
  catalogImportSummary,
  catalogImportView,
} from './import-view.js';

/** One of the vendor's imports: status, progress, counts and row errors. Others' are 404. */
export async function getCatalogImport(
  database: Database,
  tenant: TenantRef,
  actor: { vendorId: string },
  importId: string,
): Promise<CatalogImportView> {
  const [row] = await withTenant(database, tenant, ({ db, t }) =>
    db
      .select()
      .from(t.catalogImports)
      .where(and(eq(t.catalogImports.id, importId), eq(t.catalogImports.vendorId, actor.vendorId))),
  );
  if (!row) throw new AppError('not_found', 'No import with this id in your catalog');
  return catalogImportView(row);
}

/**
 * The vendor's imports, newest first, without their error lists (fetch one import for them).
 * Keyset-paginated on (created_at, id) like `listVendors`, so a page stays put while new imports
 * start.
 */
export async function listCatalogImports(
  database: Database,
  tenant: TenantRef,
  actor: { vendorId: string },
  query: PageQuery,
): Promise<{ data: CatalogImportSummary[]; nextCursor: string | null }> {
  return withTenant(database, tenant, async ({ db, t }) => {
    const i = t.catalogImports;
    const filters: SQL[] = [eq(i.vendorId, actor.vendorId)];
    if (query.cursor) {
      const [createdAt, id] = decodeTimeCursor(query.cursor);
      filters.push(sql`(${i.createdAt}, ${i.id}) < (${createdAt}::timestamptz, ${id})`);
    }
    // The error lists (up to 1,000 entries each) stay in the database: only how many rows they name.
    const { errors, vendorId: _v, fileKey: _f, ...columns } = getTableColumns(i);
    const rows = await db
      .select({
        ...columns,
        listedRows:
          sql<number>`(select count(distinct e->'row') from jsonb_array_elements(${errors}) e where (e->>'row')::int > 0)`.mapWith(
            Number,
          ),
        cursorAt: sql<string>`to_char(${i.createdAt} at time zone 'UTC', ${sql.raw(CURSOR_TIME)})`,
      })
      .from(i)
      .where(and(...filters))
      .orderBy(desc(i.createdAt), desc(i.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map((r) => catalogImportSummary(r, r.listedRows)),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
    };
  });
}
