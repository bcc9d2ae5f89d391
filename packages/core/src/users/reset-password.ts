import type { PasswordResetConfirmBody } from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import { eq, sql } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords.js';
import { signToken, tenantAudience } from '../auth/tokens.js';
import type { Deps } from '../deps.js';
import { consumeLinkToken } from './consume-link-token.js';

/**
 * Set a new password with an emailed reset token (once, within the hour) and log the user in.
 * Every earlier session of the user ends here (the session version goes up, ADR 0024): whoever
 * knew the old password is signed out.
 */
export async function resetPassword(
  deps: Pick<Deps, 'config' | 'database'>,
  tenant: TenantRef,
  input: PasswordResetConfirmBody,
): Promise<{ token: string }> {
  const passwordHash = await hashPassword(input.password);
  const user = await withTenant(deps.database, tenant, async (tx) => {
    const u = await consumeLinkToken(tx, 'reset', input.token, 'active');
    const [row] = await tx.db
      .update(tx.t.users)
      .set({ passwordHash, sessionVersion: sql`${tx.t.users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(tx.t.users.id, u.id))
      .returning({ sessionVersion: tx.t.users.sessionVersion });
    return { ...u, sessionVersion: row?.sessionVersion ?? 0 };
  });
  return {
    token: await signToken(deps.config.jwtKeys, {
      sub: user.id,
      aud: tenantAudience(tenant.id),
      role: user.role,
      sv: user.sessionVersion,
    }),
  };
}
