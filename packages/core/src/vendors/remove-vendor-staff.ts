import { AppError } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, eq } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';

/**
 * A vendor admin removes a staff member (or withdraws an invitation) of their own vendor. A user
 * of another vendor, or none, is a 404; the vendor admin cannot be removed this way, nor can
 * anyone remove themselves (409). The user's sessions stop working at once.
 */
export async function removeVendorStaff(
  database: Database,
  tenant: TenantRef,
  input: { vendorId: string; actorUserId: string; userId: string },
): Promise<void> {
  await withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const [member] = await db
      .select({ id: t.users.id, role: t.users.role, email: t.users.email })
      .from(t.users)
      .where(and(eq(t.users.id, input.userId), eq(t.users.vendorId, input.vendorId)))
      .for('update');
    if (!member) throw new AppError('not_found', 'No member of your vendor team with this id');
    if (member.id === input.actorUserId)
      throw new AppError('conflict', 'You cannot remove yourself from the vendor team');
    if (member.role !== 'vendor_staff')
      throw new AppError('conflict', 'Only vendor staff can be removed here; ask the marketplace operator');
    await db.delete(t.users).where(eq(t.users.id, member.id));
    await recordTenantAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'vendor.staff_removed',
      subjectType: 'vendor',
      subjectId: input.vendorId,
      data: { userId: member.id, email: member.email },
    });
  });
}
