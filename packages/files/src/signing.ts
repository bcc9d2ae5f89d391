import { createHmac, timingSafeEqual } from 'node:crypto';
import { assertFileKey } from './storage.js';

/** Where signed private files are served (platform-api `GET /files/{key}`). */
export const SIGNED_FILES_PATH = '/files/';

const signature = (secret: Uint8Array, key: string, exp: number) =>
  createHmac('sha256', secret).update(`${key}\n${exp}`).digest('base64url');

/**
 * A URL path for a private file, valid for `ttlSeconds`: `/files/<key>?exp=<unix s>&sig=<hmac>`.
 * The HMAC covers the key and the expiry, so neither can be changed.
 */
export function signFileUrl(secret: Uint8Array, key: string, ttlSeconds: number, now = Date.now()): string {
  assertFileKey(key);
  if (!(ttlSeconds > 0)) throw new RangeError('ttlSeconds must be positive');
  const exp = Math.floor(now / 1000) + Math.ceil(ttlSeconds);
  return `${SIGNED_FILES_PATH}${key}?exp=${exp}&sig=${signature(secret, key, exp)}`;
}

/** True when `sig` was made by `signFileUrl` for this key and `exp` has not passed. */
export function verifyFileSignature(
  secret: Uint8Array,
  key: string,
  params: { exp?: string | null; sig?: string | null },
  now = Date.now(),
): boolean {
  if (!params.exp || !params.sig || !/^\d{1,12}$/.test(params.exp)) return false;
  const exp = Number(params.exp);
  if (exp * 1000 <= now) return false;
  const expected = Buffer.from(signature(secret, key, exp));
  const given = Buffer.from(params.sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
