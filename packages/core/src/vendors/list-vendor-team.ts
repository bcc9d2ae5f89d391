import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';

export type VendorTeamMember = {
  id: string;
  email: string;
  name: string;
  role: 'vendor_admin' | 'vendor_staff';
  status: 'invited' | 'active';
  emailVerified: boolean;
  createdAt: string;
};

/** A vendor's accounts (admin first, then staff by arrival), invited or active. */
export async function listVendorTeam(
  database: Database,
  tenant: TenantRef,
  vendorId: string,
): Promise<VendorTeamMember[]> {
  const rows = await withTenant(database, tenant, ({ db, t }) =>
    db
      .select({
        id: t.users.id,
        email: t.users.email,
        name: t.users.name,
        role: t.users.role,
        status: t.users.status,
        emailVerifiedAt: t.users.emailVerifiedAt,
        createdAt: t.users.createdAt,
      })
      .from(t.users)
      .where(and(eq(t.users.vendorId, vendorId), inArray(t.users.status, ['invited', 'active'])))
      .orderBy(desc(eq(t.users.role, 'vendor_admin')), asc(t.users.createdAt), asc(t.users.id)),
  );
  return rows.map(({ emailVerifiedAt, ...r }) => ({
    ...r,
    role: r.role as VendorTeamMember['role'],
    status: r.status as VendorTeamMember['status'],
    emailVerified: emailVerifiedAt !== null,
    createdAt: r.createdAt.toISOString(),
  }));
}
