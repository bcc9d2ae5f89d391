import { newId } from '@agora/contracts';
import {
  createTenantUser,
  endStaffSessions,
  ensureStaffUser,
  newLinkToken,
  signToken,
  tenantAudience,
} from '@agora/core';
import { platformTables as p, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, createApiHarness } from './harness.js';

// Sessions end at once (ADR 0024): a token signed before a password reset, or for a staff
// member since deleted or signed out everywhere, is refused on its very next request.

let h: ApiHarness;
const P = 'platform.localhost';
const body = async (res: Response) => (await res.json()) as any;

beforeAll(async () => {
  h = await createApiHarness();
});
afterAll(() => h?.close());

/** A reset link as the emailed one would carry it (the email path is tested in accounts.test.ts). */
async function resetLink(t: { id: string; schemaName: string }, userId: string): Promise<string> {
  const { raw, hash } = newLinkToken();
  await withTenant(h.runtime.database, t, ({ db, t: tt }) =>
    db.insert(tt.userTokens).values({
      id: newId('tok'),
      userId,
      purpose: 'reset',
      tokenHash: hash,
      expiresAt: new Date(Date.now() + 3_600_000),
    }),
  );
  return raw;
}

describe('tenant sessions', () => {
  it('a password reset ends every earlier session of the user; the new one works', async () => {
    const t = await h.activeTenant('sess-reset');
    const host = `${t.slug}.localhost`;
    const user = await createTenantUser(h.runtime.database, t, {
      email: 'op@sess-reset.test',
      password: 'old-password-1',
      role: 'operator',
    });
    const login = async () =>
      (
        await body(
          await h.call(host, '/api/v1/auth/login', {
            body: { email: 'op@sess-reset.test', password: 'old-password-1' },
          }),
        )
      ).token as string;
    const [laptop, phone] = [await login(), await login()];
    expect((await h.call(host, '/api/v1/me', { token: laptop })).status).toBe(200);

    const confirmed = await h.call(host, '/api/v1/auth/password-reset/confirm', {
      body: { token: await resetLink(t, user.id), password: 'new-password-1' },
    });
    expect(confirmed.status).toBe(200);
    const fresh = (await body(confirmed)).token as string;

    for (const old of [laptop, phone]) {
      const res = await h.call(host, '/api/v1/me', { token: old });
      expect(res.status).toBe(401);
      expect((await body(res)).error).toMatchObject({
        code: 'unauthenticated',
        message: /session has ended/,
      });
    }
    expect((await h.call(host, '/api/v1/me', { token: fresh })).status).toBe(200);
    const relogin = await h.call(host, '/api/v1/auth/login', {
      body: { email: 'op@sess-reset.test', password: 'new-password-1' },
    });
    expect((await h.call(host, '/api/v1/me', { token: (await body(relogin)).token })).status).toBe(200);
  });

  it('keeps tokens signed before session versions existed (version 0) until the version moves', async () => {
    const t = await h.activeTenant('sess-legacy');
    const user = await createTenantUser(h.runtime.database, t, {
      email: 'op@sess-legacy.test',
      password: 'old-password-1',
      role: 'operator',
    });
    // No `sv` claim at all, as every token signed by the previous version.
    const legacy = await signToken(h.config.jwtKeys, {
      sub: user.id,
      aud: tenantAudience(t.id),
      role: 'operator',
    });
    expect((await h.call(`${t.slug}.localhost`, '/api/v1/me', { token: legacy })).status).toBe(200);
    const forged = await signToken(h.config.jwtKeys, { sub: user.id, aud: tenantAudience(t.id), sv: 7 });
    expect((await h.call(`${t.slug}.localhost`, '/api/v1/me', { token: forged })).status).toBe(401);
  });
});

describe('staff sessions', () => {
  async function staffMember(email: string) {
    const { id } = await ensureStaffUser(h.runtime.database, { email, password: 'staff-password-2' });
    const res = await h.call(P, '/platform/v1/auth/login', { body: { email, password: 'staff-password-2' } });
    expect(res.status).toBe(200);
    return { id, token: (await body(res)).token as string };
  }

  it('a deleted staff member is refused on the next request, not when the token expires', async () => {
    const gone = await staffMember('leaving@agora.test');
    expect((await h.call(P, '/platform/v1/tenants', { token: gone.token })).status).toBe(200);
    await h.runtime.database.platform.delete(p.staffUsers).where(eq(p.staffUsers.id, gone.id));
    for (const path of ['/platform/v1/tenants', '/platform/v1/me']) {
      const res = await h.call(P, path, { token: gone.token });
      expect(res.status).toBe(401);
      expect((await body(res)).error.code).toBe('unauthenticated');
    }
  });

  it('ending a staff member’s sessions refuses every token signed before; a new login works', async () => {
    const s = await staffMember('rotating@agora.test');
    await endStaffSessions(h.runtime.database, s.id);
    expect((await h.call(P, '/platform/v1/tenants', { token: s.token })).status).toBe(401);
    const again = await staffMember('rotating@agora.test');
    expect((await h.call(P, '/platform/v1/tenants', { token: again.token })).status).toBe(200);
  });
});
