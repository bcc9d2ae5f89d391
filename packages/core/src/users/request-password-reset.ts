import { type Database, type TenantRef, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { emitEvent } from '../outbox/emit-event.js';

/**
 * Ask for a password reset email. Only an active user of this tenant gets one (through the
 * outbox); the caller answers the same whatever happened, so nobody learns who has an account.
 */
export async function requestPasswordReset(
  database: Database,
  tenant: TenantRef,
  email: string,
): Promise<void> {
  await withTenant(database, tenant, async (tx) => {
    const [user] = await tx.db
      .select({ id: tx.t.users.id, email: tx.t.users.email, status: tx.t.users.status })
      .from(tx.t.users)
      .where(eq(tx.t.users.email, email.trim().toLowerCase()));
    if (user?.status !== 'active') return;
    await emitEvent(tx, 'user.password_reset_requested', { userId: user.id, email: user.email });
  });
}
