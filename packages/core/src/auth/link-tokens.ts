import { createHash, randomBytes } from 'node:crypto';

/**
 * One-time link tokens (invitation, password reset): 32 random bytes, base64url, sent only in
 * the email. The database keeps the sha256 so that a leaked table does not leak working links;
 * a plain hash is enough because the token has 256 bits of entropy (nothing to brute-force).
 */
export function newLinkToken(): { raw: string; hash: string } {
  const raw = randomBytes(32).toString('base64url');
  return { raw, hash: hashLinkToken(raw) };
}

export const hashLinkToken = (raw: string) => createHash('sha256').update(raw).digest('hex');

/** How long a link stays valid. */
export const LINK_TTL_MS = { invite: 7 * 24 * 3600 * 1000, reset: 3600 * 1000 } as const;
export type LinkPurpose = keyof typeof LINK_TTL_MS;
