import type { AcceptInviteBody } from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords.js';
import { signToken, tenantAudience } from '../auth/tokens.js';
import type { Deps } from '../deps.js';
import { consumeLinkToken } from './consume-link-token.js';

/**
 * Accept an invitation: the emailed token sets the user's password (and name), activates the
 * account (its email counts as verified) and logs them in. The link works once.
 */
export async function acceptInvite(
  deps: Pick<Deps, 'config' | 'database'>,
  tenant: TenantRef,
  input: AcceptInviteBody,
): Promise<{ token: string }> {
  // Hash outside the transaction: argon2 takes tens of milliseconds; no locks held meanwhile.
  const passwordHash = await hashPassword(input.password);
  const user = await withTenant(deps.database, tenant, async (tx) => {
    const u = await consumeLinkToken(tx, 'invite', input.token, 'invited');
    const [row] = await tx.db
      .update(tx.t.users)
      .set({
        passwordHash,
        status: 'active',
        // The link came by email, so the address is proven.
        emailVerifiedAt: new Date(),
        ...(input.name ? { name: input.name } : {}),
        updatedAt: new Date(),
      })
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
