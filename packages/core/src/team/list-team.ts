import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';

export const TEAM_ROLES = ['owner', 'operator'] as const;

export type TeamMember = {
  id: string;
  email: string;
  name: string;
  role: 'owner' | 'operator';
  status: 'invited' | 'active';
  createdAt: string;
};

/** The marketplace's operator staff (owner first, then by arrival), invited or active. */
export async function listTeam(database: Database, tenant: TenantRef): Promise<TeamMember[]> {
  const rows = await withTenant(database, tenant, ({ db, t }) =>
    db
      .select({
        id: t.users.id,
        email: t.users.email,
        name: t.users.name,
        role: t.users.role,
        status: t.users.status,
        createdAt: t.users.createdAt,
      })
      .from(t.users)
      .where(and(inArray(t.users.role, [...TEAM_ROLES]), inArray(t.users.status, ['invited', 'active'])))
      .orderBy(desc(eq(t.users.role, 'owner')), asc(t.users.createdAt), asc(t.users.id)),
  );
  return rows.map((r) => ({
    ...r,
    role: r.role as TeamMember['role'],
    status: r.status as TeamMember['status'],
    createdAt: r.createdAt.toISOString(),
  }));
}
