import type { JwtKey } from '@agora/config';
import { AppError } from '@agora/contracts';
import { errors, jwtVerify, SignJWT } from 'jose';

const ISSUER = 'agora';

/** Tokens are audience-bound: `platform` for staff, `tenant:<id>` for a tenant's users. */
export const PLATFORM_AUDIENCE = 'platform';
export const tenantAudience = (tenantId: string) => `tenant:${tenantId}`;

/**
 * `sv` is the account's session version when the token was signed: raising the account's
 * `session_version` (password reset, removal) ends every session signed before (ADR 0024).
 * Tokens signed before session versions existed read as version 0.
 */
export type TokenClaims = { sub: string; aud: string; role?: string; sv?: number };

export async function signToken(
  keys: JwtKey[],
  claims: TokenClaims,
  ttlSeconds = 12 * 3600,
): Promise<string> {
  const key = keys[0];
  if (!key) throw new Error('no signing key configured');
  const jwt = new SignJWT({
    ...(claims.role ? { role: claims.role } : {}),
    ...(claims.sv ? { sv: claims.sv } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid })
    .setSubject(claims.sub)
    .setAudience(claims.aud)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`);
  return jwt.sign(key.secret);
}

/** Verify a token for one audience; any failure is the same 401, whatever the reason. */
export async function verifyToken(keys: JwtKey[], token: string, audience: string): Promise<TokenClaims> {
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const key = keys.find((k) => k.kid === header.kid);
        if (!key) throw new errors.JWSSignatureVerificationFailed('unknown key id');
        return key.secret;
      },
      { audience, issuer: ISSUER, algorithms: ['HS256'] },
    );
    if (typeof payload.sub !== 'string') throw new Error('no subject');
    return {
      sub: payload.sub,
      aud: audience,
      role: typeof payload.role === 'string' ? payload.role : undefined,
      sv: typeof payload.sv === 'number' && Number.isInteger(payload.sv) ? payload.sv : 0,
    };
  } catch {
    throw new AppError(
      'unauthenticated',
      'The access token is missing, invalid, expired or not valid for this host',
    );
  }
}
