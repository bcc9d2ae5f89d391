import { AppError } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { and, eq, isNull } from 'drizzle-orm';
import { hashLinkToken, type LinkPurpose } from '../auth/link-tokens.js';

const MESSAGES: Record<LinkPurpose, string> = {
  invite: 'This invitation link is invalid, has expired or was already used. Ask for a new invitation.',
  reset: 'This password reset link is invalid, has expired or was already used. Request a new one.',
};

/**
 * Use up a one-time link inside the caller's unit of work: the token must exist for this
 * purpose, be unused and unexpired, and its user must be in `userStatus`. Every unused link of
 * the same purpose for that user dies with it. Any failure is the same `invalid_token`, so the
 * answer says nothing about why (or whether the token ever existed).
 */
export async function consumeLinkToken(
  { db, t }: TenantTx,
  purpose: LinkPurpose,
  rawToken: string,
  userStatus: 'invited' | 'active',
) {
  const [row] = await db
    .select({
      userId: t.users.id,
      email: t.users.email,
      role: t.users.role,
      status: t.users.status,
      usedAt: t.userTokens.usedAt,
      expiresAt: t.userTokens.expiresAt,
    })
    .from(t.userTokens)
    .innerJoin(t.users, eq(t.users.id, t.userTokens.userId))
    .where(and(eq(t.userTokens.tokenHash, hashLinkToken(rawToken)), eq(t.userTokens.purpose, purpose)))
    .for('update');
  if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now() || row.status !== userStatus) {
    throw new AppError('invalid_token', MESSAGES[purpose], {
      fields: [{ path: 'token', message: 'is invalid, expired or already used' }],
    });
  }
  await db
    .update(t.userTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(t.userTokens.userId, row.userId),
        eq(t.userTokens.purpose, purpose),
        isNull(t.userTokens.usedAt),
      ),
    );
  return { id: row.userId, email: row.email, role: row.role };
}
