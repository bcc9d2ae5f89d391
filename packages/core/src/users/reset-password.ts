import type { PasswordResetConfirmBody } from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords.js';
import { signToken, tenantAudience } from '../auth/tokens.js';
import type { Deps } from '../deps.js';
import { consumeLinkToken } from './consume-link-token.js';

/** Set a new password with an emailed reset token (once, within the hour) and log the user in. */
export async function resetPassword(
  deps: Pick<Deps, 'config' | 'database'>,
  tenant: TenantRef,
  input: PasswordResetConfirmBody,
): Promise<{ token: string }> {
  const passwordHash = await hashPassword(input.password);
  const user = await withTenant(deps.database, tenant, async (tx) => {
    const u = await consumeLinkToken(tx, 'reset', input.token, 'active');
    await tx.db
      .update(tx.t.users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(eq(tx.t.users.id, u.id));
    return u;
  });
  return {
    token: await signToken(deps.config.jwtKeys, {
      sub: user.id,
      aud: tenantAudience(tenant.id),
      role: user.role,
    }),
  };
}
