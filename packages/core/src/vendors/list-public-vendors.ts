import type { PublicVendorListQuery } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, asc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { likeContains } from '../catalog/like-prefix.js';
import { decodeCursor, encodeCursor } from '../keyset-cursor.js';
import { type PublicVendorView, publicVendorView } from './vendor-views.js';

/**
 * The public vendor directory: approved vendors only, by name, filtered by country, industry
 * and verification, searched by `q` in name and description. Keyset-paginated on (name, id).
 */
export async function listPublicVendors(
  database: Database,
  tenant: TenantRef,
  query: PublicVendorListQuery,
): Promise<{ data: PublicVendorView[]; nextCursor: string | null }> {
  return withTenant(database, tenant, async ({ db, t }) => {
    const v = t.vendors;
    const filters: SQL[] = [eq(v.status, 'approved')];
    if (query.country) filters.push(eq(v.country, query.country));
    if (query.industry) filters.push(sql`${v.industries} @> ${JSON.stringify([query.industry])}::jsonb`);
    if (query.verified) filters.push(eq(v.verified, query.verified === 'true'));
    if (query.q) {
      const like = likeContains(query.q);
      filters.push(or(ilike(v.name, like), ilike(v.description, like)) as SQL);
    }
    if (query.cursor) {
      const [name, id] = decodeCursor(query.cursor, 2) as [string, string];
      filters.push(sql`(${v.name}, ${v.id}) > (${name}, ${id})`);
    }
    const rows = await db
      .select()
      .from(v)
      .where(and(...filters))
      .orderBy(asc(v.name), asc(v.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map(publicVendorView),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
    };
  });
}
