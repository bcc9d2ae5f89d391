import type { PageQuery, VendorTeamMember } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { teamPage } from '../team/team-page.js';

export type { VendorTeamMember } from '@agora/contracts';

/** One page of a vendor's accounts (admin first, then staff by arrival), invited or active. */
export async function listVendorTeam(
  database: Database,
  tenant: TenantRef,
  vendorId: string,
  query: PageQuery,
): Promise<{ data: VendorTeamMember[]; nextCursor: string | null }> {
  const { rows, nextCursor } = await withTenant(database, tenant, (tx) =>
    teamPage(tx, eq(tx.t.users.vendorId, vendorId), 'vendor_admin', query),
  );
  return {
    data: rows.map(({ emailVerifiedAt, ...r }) => ({
      ...r,
      role: r.role as VendorTeamMember['role'],
      status: r.status as VendorTeamMember['status'],
      emailVerified: emailVerifiedAt !== null,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor,
  };
}
