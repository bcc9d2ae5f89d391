import type { OperatorVendorListQuery } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, desc, eq, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import { likeContains } from '../catalog/like-prefix.js';
import { CURSOR_TIME, decodeTimeCursor, encodeCursor } from '../keyset-cursor.js';
import { type VendorSummaryView, vendorSummaryView } from './vendor-views.js';

/** `to` as a date means the whole day: the bound is the next midnight (UTC), exclusive. */
export function upperBound(to: string): Date {
  const d = new Date(to);
  if (/^\d{4}-\d{2}-\d{2}$/.test(to)) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/**
 * The operator's vendor queue: every vendor of the marketplace, newest application first,
 * filtered by status, country, industry and application date (`from` inclusive, `to` inclusive
 * of that day), and searched by `q` in business name, legal name and contact email.
 * Keyset-paginated on (created_at, id) like `listTenants`: stable while vendors apply.
 */
export async function listVendors(
  database: Database,
  tenant: TenantRef,
  query: OperatorVendorListQuery,
): Promise<{ data: VendorSummaryView[]; nextCursor: string | null }> {
  return withTenant(database, tenant, async ({ db, t }) => {
    const v = t.vendors;
    const filters: SQL[] = [];
    if (query.status) filters.push(eq(v.status, query.status));
    if (query.country) filters.push(eq(v.country, query.country));
    if (query.industry) filters.push(sql`${v.industries} @> ${JSON.stringify([query.industry])}::jsonb`);
    if (query.from) filters.push(gte(v.createdAt, new Date(query.from)));
    if (query.to) filters.push(lt(v.createdAt, upperBound(query.to)));
    if (query.q) {
      const like = likeContains(query.q);
      filters.push(or(ilike(v.name, like), ilike(v.legalName, like), ilike(v.contactEmail, like)) as SQL);
    }
    if (query.cursor) {
      const [createdAt, id] = decodeTimeCursor(query.cursor);
      filters.push(sql`(${v.createdAt}, ${v.id}) < (${createdAt}::timestamptz, ${id})`);
    }
    const rows = await db
      .select({
        vendor: v,
        // microsecond precision for the cursor (JS Dates keep milliseconds only)
        cursorAt: sql<string>`to_char(${v.createdAt} at time zone 'UTC', ${sql.raw(CURSOR_TIME)})`,
      })
      .from(v)
      .where(filters.length ? and(...filters) : undefined)
      .orderBy(desc(v.createdAt), desc(v.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map((r) => vendorSummaryView(r.vendor)),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursorAt, last.vendor.id]) : null,
    };
  });
}
