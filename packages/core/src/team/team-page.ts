import type { PageQuery } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { and, asc, inArray, type SQL, sql } from 'drizzle-orm';
import { CURSOR_TIME, decodeTimeCursor, encodeCursor } from '../keyset-cursor.js';

export type TeamRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  status: string;
  emailVerifiedAt: Date | null;
  createdAt: Date;
};

/**
 * One page of a team (the marketplace's operators, or one vendor's accounts), invited or active:
 * its leader (the owner, or the vendor admin) first, then by arrival. Keyset pagination on
 * (not the leader, created_at, id); a cursor whose account has since gone sorts as a member.
 */
export async function teamPage(
  { db, t }: TenantTx,
  members: SQL | undefined,
  leader: string,
  query: PageQuery,
): Promise<{ rows: TeamRow[]; nextCursor: string | null }> {
  const u = t.users;
  const notLeader = sql<boolean>`(${u.role} <> ${leader})`;
  const filters = [members, inArray(u.status, ['invited', 'active'])];
  if (query.cursor) {
    const [at, id] = decodeTimeCursor(query.cursor);
    filters.push(
      sql`(${notLeader}, ${u.createdAt}, ${u.id}) > (coalesce((select x.role <> ${leader} from ${u} x where x.id = ${id}), true), ${at}::timestamptz, ${id})`,
    );
  }
  const rows = await db
    .select({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      status: u.status,
      emailVerifiedAt: u.emailVerifiedAt,
      createdAt: u.createdAt,
      cursorAt: sql<string>`to_char(${u.createdAt} at time zone 'UTC', ${sql.raw(CURSOR_TIME)})`,
    })
    .from(u)
    .where(and(...filters))
    .orderBy(asc(notLeader), asc(u.createdAt), asc(u.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ cursorAt: _c, ...row }) => row),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
  };
}
