import { AppError, type InviteOperatorBody, newId } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { emitEvent } from '../outbox/emit-event.js';
import type { TeamMember } from './list-team.js';

/**
 * Invite someone to operate the marketplace: a user in `invited` (no password) and a
 * `user.invited` event in the same transaction; the worker emails them a link to set a
 * password. An email that already belongs to any user of this marketplace is a 409.
 */
export async function inviteOperator(
  database: Database,
  tenant: TenantRef,
  input: InviteOperatorBody,
): Promise<TeamMember> {
  const email = input.email.trim().toLowerCase();
  return withTenant(database, tenant, async (tx) => {
    const [user] = await tx.db
      .insert(tx.t.users)
      .values({ id: newId('usr'), email, role: 'operator', status: 'invited' })
      .onConflictDoNothing()
      .returning();
    if (!user) {
      throw new AppError('email_taken', `${email} already has an account in this marketplace`, {
        fields: [{ path: 'email', message: 'already has an account in this marketplace' }],
      });
    }
    await emitEvent(tx, 'user.invited', { userId: user.id, email: user.email, role: user.role });
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: 'operator',
      status: 'invited',
      createdAt: user.createdAt.toISOString(),
    };
  });
}
