import { AppError } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, eq, gt, sql } from 'drizzle-orm';
import { emitEvent } from '../outbox/emit-event.js';

/** One new link a minute is plenty: the email job takes seconds. */
const RESEND_AFTER_MS = 60_000;

/**
 * The signed-in user asks for a new email verification link (the first one expired or got
 * lost): a `user.email_verification_requested` event, as at sign-up. Already verified: nothing
 * is sent and the answer says so. A second ask within a minute is a 429 `rate_limited`.
 */
export async function requestEmailVerification(
  database: Database,
  tenant: TenantRef,
  userId: string,
  now: Date = new Date(),
): Promise<{ message: string; alreadyVerified: boolean }> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    // Locked: two asks at once send one link.
    const [user] = await db
      .select({ email: t.users.email, status: t.users.status, verifiedAt: t.users.emailVerifiedAt })
      .from(t.users)
      .where(eq(t.users.id, userId))
      .for('update');
    if (!user || user.status === 'disabled')
      throw new AppError('unauthenticated', 'This account no longer exists');
    if (user.verifiedAt) return { message: 'Your email address is already verified.', alreadyVerified: true };
    const [recent] = await db
      .select({ id: t.outbox.id })
      .from(t.outbox)
      .where(
        and(
          eq(t.outbox.topic, 'user.email_verification_requested'),
          sql`${t.outbox.payload}->>'userId' = ${userId}`,
          gt(t.outbox.createdAt, new Date(now.getTime() - RESEND_AFTER_MS)),
        ),
      )
      .limit(1);
    if (recent)
      throw new AppError(
        'rate_limited',
        'A link was sent less than a minute ago: check your inbox (and spam folder) before asking again',
      );
    await emitEvent(tx, 'user.email_verification_requested', { userId, email: user.email });
    return {
      message: `A new link is on its way to ${user.email}. Open it within 24 hours to confirm your address.`,
      alreadyVerified: false,
    };
  });
}
