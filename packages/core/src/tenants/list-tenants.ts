import { AppError, type TenantStatus } from '@agora/contracts';
import { type Database, platformTables as p } from '@agora/db';
import { and, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';

export type ListTenantsQuery = { limit: number; cursor?: string; status?: TenantStatus; q?: string };

/**
 * Newest first, keyset-paginated on (created_at, id): stable while tenants are being added,
 * and as fast on page 500 as on page 1. The cursor is opaque to clients.
 */
export async function listTenants(database: Database, query: ListTenantsQuery) {
  const filters: SQL[] = [];
  if (query.status) filters.push(eq(p.tenants.status, query.status));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(p.tenants.name, like), ilike(p.tenants.slug, like)) as SQL);
  }
  if (query.cursor) {
    const { createdAt, id } = decodeCursor(query.cursor);
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
      cursorAt: sql<string>`to_char(${p.tenants.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(p.tenants)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(p.tenants.createdAt), desc(p.tenants.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    data: page.map(({ cursorAt: _c, createdAt, ...t }) => ({ ...t, createdAt: createdAt.toISOString() })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.cursorAt, last.id) : null,
  };
}

const encodeCursor = (createdAt: string, id: string) =>
  Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(createdAt)))
      return { createdAt, id };
  } catch {}
  throw new AppError('validation_failed', 'The cursor is not valid; use the nextCursor of a previous page', {
    fields: [{ path: 'cursor', message: 'is not a valid cursor' }],
  });
}
