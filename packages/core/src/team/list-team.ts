import type { PageQuery, TeamMember } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { inArray } from 'drizzle-orm';
import { teamPage } from './team-page.js';

export const TEAM_ROLES = ['owner', 'operator'] as const;

export type { TeamMember } from '@agora/contracts';

/** One page of the marketplace's operator staff (owner first, then by arrival), invited or active. */
export async function listTeam(
  database: Database,
  tenant: TenantRef,
  query: PageQuery,
): Promise<{ data: TeamMember[]; nextCursor: string | null }> {
  const { rows, nextCursor } = await withTenant(database, tenant, (tx) =>
    teamPage(tx, inArray(tx.t.users.role, [...TEAM_ROLES]), 'owner', query),
  );
  return {
    data: rows.map(({ emailVerifiedAt: _v, ...r }) => ({
      ...r,
      role: r.role as TeamMember['role'],
      status: r.status as TeamMember['status'],
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor,
  };
}
