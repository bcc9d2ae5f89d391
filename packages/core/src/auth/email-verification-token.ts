import type { JwtKey } from '@agora/config';
import { AppError } from '@agora/contracts';
import { errors, jwtVerify, SignJWT } from 'jose';
import { tenantAudience } from './tokens.js';

/** How long an email verification link works. */
export const EMAIL_VERIFICATION_TTL_SECONDS = 24 * 3600;

const ISSUER = 'agora';
/** Its own audience: a verification token is never a session, and a session never verifies. */
const audience = (tenantId: string) => `${tenantAudience(tenantId)}:verify-email`;

/**
 * A signed (not stored) email verification token: user id and the address being verified,
 * valid 24 hours on one tenant. `user_tokens` only allows the purposes `invite` and `reset`, and
 * verifying is idempotent, so it needs no one-time row (see docs/decisions/0008).
 */
export function signEmailVerificationToken(
  keys: JwtKey[],
  input: { tenantId: string; userId: string; email: string },
  now = Date.now(),
): Promise<string> {
  const key = keys[0];
  if (!key) throw new Error('no signing key configured');
  const iat = Math.floor(now / 1000);
  return new SignJWT({ email: input.email })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid })
    .setSubject(input.userId)
    .setAudience(audience(input.tenantId))
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + EMAIL_VERIFICATION_TTL_SECONDS)
    .sign(key.secret);
}

/** The user and address a verification token is for; any failure is one 400 `invalid_token`. */
export async function readEmailVerificationToken(
  keys: JwtKey[],
  tenantId: string,
  token: string,
): Promise<{ userId: string; email: string }> {
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const key = keys.find((k) => k.kid === header.kid);
        if (!key) throw new errors.JWSSignatureVerificationFailed('unknown key id');
        return key.secret;
      },
      { audience: audience(tenantId), issuer: ISSUER, algorithms: ['HS256'] },
    );
    if (typeof payload.sub !== 'string' || typeof payload.email !== 'string') throw new Error('bad claims');
    return { userId: payload.sub, email: payload.email };
  } catch {
    throw invalidVerificationToken();
  }
}

export const invalidVerificationToken = () =>
  new AppError(
    'invalid_token',
    'This verification link is invalid or has expired. Log in and ask for a new one, or contact the marketplace.',
    { fields: [{ path: 'token', message: 'is invalid or expired' }] },
  );
