import { AppError, type VendorDetail } from '@agora/contracts';
import { type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { vendorView } from './vendor-views.js';

/** The operator's view of one vendor: the API's `VendorDetail` (accounts and history included). */
export type VendorDetailView = VendorDetail;

/** The operator's view of one vendor inside a unit of work; 404 when there is none. */
export async function loadVendorDetail(
  tx: TenantTx,
  secret: Uint8Array,
  vendorId: string,
): Promise<VendorDetailView> {
  const { db, t } = tx;
  const [vendor] = await db.select().from(t.vendors).where(eq(t.vendors.id, vendorId));
  if (!vendor) throw new AppError('not_found', 'No vendor with this id in this marketplace');
  const documents = await db
    .select()
    .from(t.vendorDocuments)
    .where(eq(t.vendorDocuments.vendorId, vendorId))
    .orderBy(asc(t.vendorDocuments.createdAt), asc(t.vendorDocuments.id));
  const users = await db
    .select({
      id: t.users.id,
      email: t.users.email,
      name: t.users.name,
      role: t.users.role,
      status: t.users.status,
      emailVerifiedAt: t.users.emailVerifiedAt,
    })
    .from(t.users)
    .where(eq(t.users.vendorId, vendorId))
    .orderBy(asc(t.users.createdAt), asc(t.users.id));
  const history = await db
    .select({
      action: t.auditLog.action,
      actorUserId: t.auditLog.actorUserId,
      actorEmail: t.users.email,
      data: t.auditLog.data,
      createdAt: t.auditLog.createdAt,
    })
    .from(t.auditLog)
    .leftJoin(t.users, eq(t.users.id, t.auditLog.actorUserId))
    .where(and(eq(t.auditLog.subjectType, 'vendor'), eq(t.auditLog.subjectId, vendorId)))
    .orderBy(desc(t.auditLog.id))
    .limit(100);
  return {
    ...vendorView(secret, vendor, documents),
    users: users.map(({ emailVerifiedAt, ...u }) => ({
      ...u,
      role: u.role as 'vendor_admin' | 'vendor_staff',
      emailVerified: emailVerifiedAt !== null,
    })),
    history: history.map((h) => ({
      ...h,
      actorEmail: h.actorEmail ?? null,
      createdAt: h.createdAt.toISOString(),
    })),
  };
}

/** One vendor with documents (signed links, 5 minutes), accounts and history, for operators. */
export async function getVendorDetail(
  deps: Pick<Deps, 'config' | 'database'>,
  tenant: TenantRef,
  vendorId: string,
): Promise<VendorDetailView> {
  return withTenant(deps.database, tenant, (tx) => loadVendorDetail(tx, deps.config.files.secret, vendorId));
}
