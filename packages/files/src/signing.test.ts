import { describe, expect, it } from 'vitest';
import { signFileUrl, verifyFileSignature } from './signing.js';

const secret = new TextEncoder().encode('s'.repeat(32));
const other = new TextEncoder().encode('o'.repeat(32));
const now = Date.UTC(2030, 0, 1);

const parse = (url: string) => {
  const u = new URL(url, 'http://x');
  return {
    key: u.pathname.slice('/files/'.length),
    exp: u.searchParams.get('exp'),
    sig: u.searchParams.get('sig'),
  };
};

describe('signed file URLs', () => {
  it('signs a path under /files/ that verifies until it expires', () => {
    const url = signFileUrl(secret, 'tenants/t1/docs/a.pdf', 60, now);
    expect(url).toMatch(/^\/files\/tenants\/t1\/docs\/a\.pdf\?exp=\d+&sig=[\w-]+$/);
    const { key, ...params } = parse(url);
    expect(verifyFileSignature(secret, key, params, now)).toBe(true);
    expect(verifyFileSignature(secret, key, params, now + 59_000)).toBe(true);
    expect(verifyFileSignature(secret, key, params, now + 60_000)).toBe(false);
  });

  it('rejects another key, a changed expiry, another secret, and missing parameters', () => {
    const { key, exp, sig } = parse(signFileUrl(secret, 'tenants/t1/docs/a.pdf', 60, now));
    expect(verifyFileSignature(secret, 'tenants/t1/docs/b.pdf', { exp, sig }, now)).toBe(false);
    expect(verifyFileSignature(secret, key, { exp: String(Number(exp) + 3600), sig }, now)).toBe(false);
    expect(verifyFileSignature(other, key, { exp, sig }, now)).toBe(false);
    expect(verifyFileSignature(secret, key, { exp, sig: `${sig}x` }, now)).toBe(false);
    expect(verifyFileSignature(secret, key, { exp }, now)).toBe(false);
    expect(verifyFileSignature(secret, key, { sig }, now)).toBe(false);
    expect(verifyFileSignature(secret, key, { exp: '1e20', sig }, now)).toBe(false);
  });

  it('refuses to sign an invalid key or a non-positive lifetime', () => {
    expect(() => signFileUrl(secret, '../x', 60)).toThrow();
    expect(() => signFileUrl(secret, 'a/b', 0)).toThrow();
  });
});
