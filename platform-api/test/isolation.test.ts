import { createRuntime, createTenantUser } from '@agora/core';
import { eventually } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../src/app.js';
import { type ApiHarness, createApiHarness } from './harness.js';

let h: ApiHarness;
let a: { id: string; schemaName: string };
let b: { id: string; schemaName: string };
const tokens: Record<string, string> = {};
let bUserId: string;

const body = async (res: Response) => (await res.json()) as any;
const login = async (host: string, email: string) =>
  (await body(await h.call(host, '/api/v1/auth/login', { body: { email, password: 'operator-pw-1' } })))
    .token as string;

beforeAll(async () => {
  // A long cache TTL: anything fresher than 60 s below is the pub/sub invalidation at work.
  h = await createApiHarness({ AGORA_TENANT_CACHE_TTL_MS: '60000' });
  a = await h.activeTenant('iso-a', 'Alpha Market');
  b = await h.activeTenant('iso-b', 'Beta Market');
  await createTenantUser(h.runtime.database, a, {
    email: 'op@alpha.test',
    password: 'operator-pw-1',
    role: 'operator',
  });
  bUserId = (
    await createTenantUser(h.runtime.database, b, {
      email: 'op@beta.test',
      password: 'operator-pw-1',
      role: 'operator',
    })
  ).id;
  tokens.a = await login('iso-a.localhost', 'op@alpha.test');
  tokens.b = await login('iso-b.localhost', 'op@beta.test');
  tokens.staff = await h.staffToken();
});
afterAll(() => h?.close());

describe('host resolution', () => {
  it.each([
    'iso-a.localhost',
    'ISO-A.LocalHost',
    'iso-a.localhost:3000',
    'iso-a.localhost.',
    'Iso-A.localhost.:8080',
  ])('serves tenant A for Host %j', async (host) => {
    const res = await h.call(host, '/api/v1/storefront');
    expect(res.status).toBe(200);
    expect((await body(res)).name).toBe('Alpha Market');
  });

  it.each([
    'nobody.localhost',
    'iso-a.localhost.evil.test',
    'iso-a',
    '127.0.0.1:3000',
    '[::1]:3000',
    'iso-a.localhost..',
  ])('answers Host %j with the same 404 as any unknown host', async (host) => {
    const res = await h.call(host, '/api/v1/storefront');
    expect(res.status).toBe(404);
    expect(await body(res)).toEqual({
      error: { code: 'unknown_host', message: 'No marketplace at this address' },
    });
  });

  it('serves a plain "no marketplace" page to browsers on an unknown host', async () => {
    const res = await h.call('nobody.localhost', '/', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('No marketplace at this address');
  });

  it('keeps the control plane off tenant hosts and the tenant API off the platform host', async () => {
    const onTenant = await h.call('iso-a.localhost', '/platform/v1/tenants', { token: tokens.staff });
    expect(onTenant.status).toBe(404);
    const onPlatform = await h.call('platform.localhost', '/api/v1/storefront');
    expect(onPlatform.status).toBe(404);
  });

  it('hears about a suspension at once, despite a 60 s cache, in another API process', async () => {
    const other = await buildApi(await createRuntime(h.config));
    try {
      const call = (path: string) => other.app.request(path, { headers: { host: 'iso-b.localhost' } });
      expect((await call('/api/v1/storefront')).status).toBe(200); // now cached as active
      await h.call('platform.localhost', `/platform/v1/tenants/${b.id}/suspend`, {
        method: 'POST',
        token: tokens.staff,
      });
      await eventually(async () => (await call('/api/v1/storefront')).status === 403, {
        timeoutMs: 3000,
        what: 'suspension to be seen',
      });
      const res = await call('/api/v1/storefront');
      const text = await res.text();
      expect(text).not.toContain('Beta');
      expect(text).not.toContain(b.id);
      await h.call('platform.localhost', `/platform/v1/tenants/${b.id}/resume`, {
        method: 'POST',
        token: tokens.staff,
      });
      await eventually(async () => (await call('/api/v1/storefront')).status === 200, {
        timeoutMs: 3000,
        what: 'resume to be seen',
      });
    } finally {
      await other.close();
    }
  });
});

describe('tokens are bound to their audience', () => {
  it("accepts a tenant user's token on its own host", async () => {
    const res = await h.call('iso-a.localhost', '/api/v1/me', { token: tokens.a });
    expect(await body(res)).toMatchObject({ email: 'op@alpha.test', role: 'operator' });
  });

  it("rejects tenant A's token on tenant B's host", async () => {
    const res = await h.call('iso-b.localhost', '/api/v1/me', { token: tokens.a });
    expect(res.status).toBe(401);
    expect((await body(res)).error.code).toBe('unauthenticated');
  });

  it('rejects a platform token on a tenant host, and a tenant token on the platform host', async () => {
    expect((await h.call('iso-a.localhost', '/api/v1/me', { token: tokens.staff })).status).toBe(401);
    expect((await h.call('platform.localhost', '/platform/v1/tenants', { token: tokens.a })).status).toBe(
      401,
    );
  });

  it('does not log a user into another tenant, even with the same email and password', async () => {
    await createTenantUser(h.runtime.database, a, {
      email: 'both@x.test',
      password: 'operator-pw-1',
      role: 'buyer_admin',
    });
    const res = await h.call('iso-b.localhost', '/api/v1/auth/login', {
      body: { email: 'both@x.test', password: 'operator-pw-1' },
    });
    expect(res.status).toBe(401);
  });
});

describe('tenant data stays in its tenant', () => {
  it("answers tenant B's user id through tenant A's API with 404, as if it did not exist", async () => {
    const own = await h.call('iso-b.localhost', `/api/v1/users/${bUserId}`, { token: tokens.b });
    expect(own.status).toBe(200);
    const cross = await h.call('iso-a.localhost', `/api/v1/users/${bUserId}`, { token: tokens.a });
    expect(cross.status).toBe(404);
    const missing = await h.call('iso-a.localhost', '/api/v1/users/usr_doesnotexist', { token: tokens.a });
    expect(await body(cross)).toEqual(await body(missing));
  });

  it('forbids non-operators from reading users', async () => {
    const buyer = await login('iso-a.localhost', 'both@x.test');
    const res = await h.call('iso-a.localhost', `/api/v1/users/${bUserId}`, { token: buyer });
    expect(res.status).toBe(403);
  });
});
