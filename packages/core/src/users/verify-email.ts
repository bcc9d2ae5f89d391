import { type TenantRef, withTenant } from '@agora/db';
import { and, eq, isNull } from 'drizzle-orm';
import { invalidVerificationToken, readEmailVerificationToken } from '../auth/email-verification-token.js';
import type { Deps } from '../deps.js';

/**
 * Confirm a user's email address with the emailed link's token. Idempotent: a second use answers
 * the same. A token for another tenant, a removed or disabled user, or an address the account
 * no longer has is a 400 `invalid_token`.
 */
export async function verifyEmail(
  deps: Pick<Deps, 'config' | 'database'>,
  tenant: TenantRef,
  token: string,
): Promise<{ email: string; verifiedAt: string }> {
  const claims = await readEmailVerificationToken(deps.config.jwtKeys, tenant.id, token);
  return withTenant(deps.database, tenant, async ({ db, t }) => {
    const match = and(eq(t.users.id, claims.userId), eq(t.users.email, claims.email));
    await db
      .update(t.users)
      .set({ emailVerifiedAt: new Date(), updatedAt: new Date() })
      .where(and(match, isNull(t.users.emailVerifiedAt)));
    const [user] = await db
      .select({ email: t.users.email, status: t.users.status, verifiedAt: t.users.emailVerifiedAt })
      .from(t.users)
      .where(match);
    if (!user?.verifiedAt || user.status === 'disabled') throw invalidVerificationToken();
    return { email: user.email, verifiedAt: user.verifiedAt.toISOString() };
  });
}
