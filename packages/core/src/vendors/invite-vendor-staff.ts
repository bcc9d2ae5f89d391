import { AppError, type InviteVendorStaffBody, newId } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import { emitEvent } from '../outbox/emit-event.js';
import type { VendorTeamMember } from './list-vendor-team.js';

/**
 * A vendor admin invites a colleague as vendor staff of the same vendor: an `invited` user and
 * a `user.invited` event in one transaction, so the usual invitation email and accept-invite
 * link (7 days, once) follow. Not for rejected or suspended vendors. An email that already has
 * an account in this marketplace is a 409 naming `email`.
 */
export async function inviteVendorStaff(
  database: Database,
  tenant: TenantRef,
  input: { vendorId: string; actorUserId: string } & InviteVendorStaffBody,
): Promise<VendorTeamMember> {
  const email = input.email.trim().toLowerCase();
  return withTenant(database, tenant, async (tx) => {
    const [vendor] = await tx.db
      .select({ status: tx.t.vendors.status })
      .from(tx.t.vendors)
      .where(eq(tx.t.vendors.id, input.vendorId));
    if (!vendor) throw new AppError('not_found', 'No vendor with this id in this marketplace');
    if (vendor.status === 'rejected' || vendor.status === 'suspended')
      throw new AppError('invalid_state', `This vendor is ${vendor.status}; it cannot invite staff`);
    const [user] = await tx.db
      .insert(tx.t.users)
      .values({ id: newId('usr'), email, role: 'vendor_staff', status: 'invited', vendorId: input.vendorId })
      .onConflictDoNothing()
      .returning();
    if (!user)
      throw new AppError('email_taken', `${email} already has an account in this marketplace`, {
        fields: [{ path: 'email', message: 'already has an account in this marketplace' }],
      });
    await emitEvent(tx, 'user.invited', { userId: user.id, email: user.email, role: user.role });
    await recordTenantAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'vendor.staff_invited',
      subjectType: 'vendor',
      subjectId: input.vendorId,
      data: { userId: user.id, email },
    });
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: 'vendor_staff',
      status: 'invited',
      emailVerified: false,
      createdAt: user.createdAt.toISOString(),
    };
  });
}
