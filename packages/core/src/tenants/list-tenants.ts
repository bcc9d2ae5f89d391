import type { ListTenantsQuery } from '@agora/contracts';
import { type Database, platformTables as p } from '@agora/db';
import { and, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { likeContains } from '../catalog/like-prefix.js';
import { CURSOR_TIME, decodeTimeCursor, encodeCursor } from '../keyset-cursor.js';

export type { ListTenantsQuery } from '@agora/contracts';

/**
 * Newest first, keyset-paginated on (created_at, id): stable while tenants are being added,
 * and as fast on page 500 as on page 1. The cursor is opaque to clients.
 */
export async function listTenants(database: Database, query: ListTenantsQuery) {
  const filters: SQL[] = [];
  if (query.status) filters.push(eq(p.tenants.status, query.status));
  if (query.q) {
    const like = likeContains(query.q);
    filters.push(or(ilike(p.tenants.name, like), ilike(p.tenants.slug, like)) as SQL);
  }
  if (query.cursor) {
    const [createdAt, id] = decodeTimeCursor(query.cursor);
    filters.push(sql`(${p.tenants.createdAt}, ${p.tenants.id}) < (${createdAt}::timestamptz, ${id})`);
  }
  const rows = await database.platform
    .select({
      id: p.tenants.id,
      slug: p.tenants.slug,
      name: p.tenants.name,
      status: p.tenants.status,
      plan: p.tenants.plan,
      createdAt: p.tenants.createdAt,
      // microsecond precision for the cursor (JS Dates only keep milliseconds)
      cursorAt: sql<string>`to_char(${p.tenants.createdAt} at time zone 'UTC', ${sql.raw(CURSOR_TIME)})`,
    })
    .from(p.tenants)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(p.tenants.createdAt), desc(p.tenants.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    data: page.map(({ cursorAt: _c, createdAt, ...t }) => ({ ...t, createdAt: createdAt.toISOString() })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
  };
}
