import { createRuntime, createTenantUser } from '@agora/core';
import { eventually } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../src/app.js';
import { PublicCache } from '../src/public-cache.js';
import { type ApiHarness, createApiHarness } from './harness.js';

describe('PublicCache', () => {
  const counter = () => {
    let n = 0;
    return { load: async () => ++n, count: () => n };
  };

  it('serves a value from memory within its TTL, per tenant and key', async () => {
    const cache = new PublicCache(60_000);
    const c = counter();
    expect(await cache.read('t1', 'k', c.load)).toBe(1);
    expect(await cache.read('t1', 'k', c.load)).toBe(1);
    expect(await cache.read('t2', 'k', c.load)).toBe(2);
    expect(await cache.read('t1', 'other', c.load)).toBe(3);
    expect(c.count()).toBe(3);
  });

  it('loads again after the TTL, and never keeps anything with a TTL of 0', async () => {
    const short = new PublicCache(20);
    const c = counter();
    await short.read('t', 'k', c.load);
    await new Promise((r) => setTimeout(r, 40));
    expect(await short.read('t', 'k', c.load)).toBe(2);
    const off = new PublicCache(0);
    await off.read('t', 'k', c.load);
    expect(await off.read('t', 'k', c.load)).toBe(4);
  });

  it("drops one tenant's entries on invalidate and leaves the others", async () => {
    const cache = new PublicCache(60_000);
    const c = counter();
    await cache.read('a', 'k', c.load);
    await cache.read('b', 'k', c.load);
    cache.invalidate('a');
    expect(await cache.read('a', 'k', c.load)).toBe(3);
    expect(await cache.read('b', 'k', c.load)).toBe(2);
  });

  it('shares one load between concurrent misses', async () => {
    const cache = new PublicCache(60_000);
    const c = counter();
    const results = await Promise.all([1, 2, 3].map(() => cache.read('t', 'k', c.load)));
    expect(results).toEqual([1, 1, 1]);
    expect(c.count()).toBe(1);
  });

  it('does not keep a value loaded across an invalidation or a clear (it may be stale)', async () => {
    for (const drop of [(x: PublicCache) => x.invalidate('t'), (x: PublicCache) => x.clear()]) {
      const cache = new PublicCache(60_000);
      let release: (v: string) => void = () => {};
      const slow = cache.read('t', 'k', () => new Promise<string>((r) => (release = r)));
      drop(cache);
      release('old');
      expect(await slow).toBe('old'); // the caller that asked still gets an answer
      expect(await cache.read('t', 'k', async () => 'new')).toBe('new');
    }
  });

  it('does not keep a failed load', async () => {
    const cache = new PublicCache(60_000);
    await expect(cache.read('t', 'k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.read('t', 'k', async () => 'ok')).toBe('ok');
  });
});

describe('public storefront reads through the cache', () => {
  let h: ApiHarness;
  let token: string;
  const A = 'pc-a.localhost';
  const B = 'pc-b.localhost';
  const json = async (res: Response) => (await res.json()) as any;

  beforeAll(async () => {
    // A long TTL: every change below must be seen because of invalidation, not expiry.
    h = await createApiHarness({ AGORA_TENANT_CACHE_TTL_MS: '60000' });
    const a = await h.activeTenant('pc-a', 'Alpha Cache');
    await h.activeTenant('pc-b', 'Beta Cache');
    await createTenantUser(h.runtime.database, a, {
      email: 'op@pc-a.test',
      password: 'operator-pw-1',
      role: 'operator',
    });
    token = (
      await json(
        await h.call(A, '/api/v1/auth/login', { body: { email: 'op@pc-a.test', password: 'operator-pw-1' } }),
      )
    ).token;
  });
  afterAll(() => h?.close());

  const storefrontName = async (host: string, app = h.api.app) =>
    (await json(await app.request('/api/v1/storefront', { headers: { host } }))).name;
  const categoryNames = async (host: string, app = h.api.app) =>
    (await json(await app.request('/api/v1/categories', { headers: { host } }))).data.map((c: any) => c.name);

  it('shows a branding change on the next request', async () => {
    expect(await storefrontName(A)).toBe('Alpha Cache');
    const res = await h.call(A, '/api/v1/settings/branding', {
      method: 'PUT',
      token,
      body: {
        name: 'Alpha Renamed',
        tagline: '',
        primaryColor: '#1f4f8b',
        accentColor: '#8a3b00',
        font: 'inter',
      },
    });
    expect(res.status).toBe(200);
    expect(await storefrontName(A)).toBe('Alpha Renamed');
    expect(await storefrontName(B)).toBe('Beta Cache');
  });

  it('shows a new, renamed or archived category on the next request', async () => {
    expect(await categoryNames(A)).toEqual([]);
    const created = await json(
      await h.call(A, '/api/v1/operator/categories', { token, body: { name: 'Pumps' } }),
    );
    expect(await categoryNames(A)).toEqual(['Pumps']);
    await h.call(A, `/api/v1/operator/categories/${created.id}`, {
      method: 'PATCH',
      token,
      body: { name: 'Pumps & Valves' },
    });
    expect(await categoryNames(A)).toEqual(['Pumps & Valves']);
    await h.call(A, `/api/v1/operator/categories/${created.id}/archive`, { method: 'POST', token });
    expect(await categoryNames(A)).toEqual([]);
    expect(await categoryNames(B)).toEqual([]);
  });

  it('declares on each route, in the OpenAPI document, which writes drop the public cache', async () => {
    const doc = await json(await h.call(A, '/api/v1/openapi.json'));
    const declared: string[] = [];
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths))
      for (const [method, op] of Object.entries<any>(item))
        if (op?.['x-agora-cache']) declared.push(`${method.toUpperCase()} ${path}`);
    expect(declared.sort()).toEqual(
      [
        'PUT /settings/branding',
        'PUT /settings/marketplace',
        'PUT /settings/logo',
        'DELETE /settings/logo',
        'POST /operator/categories',
        'PATCH /operator/categories/{id}',
        'POST /operator/categories/{id}/archive',
        'POST /operator/categories/{id}/restore',
      ].sort(),
    );
  });

  it('keeps the cache when a write is refused', async () => {
    const before = await storefrontName(A);
    const bad = await h.call(A, '/api/v1/settings/branding', { method: 'PUT', token, body: { name: '' } });
    expect(bad.status).toBe(400);
    expect(await storefrontName(A)).toBe(before);
  });

  it('tells the other API processes, which drop their copy', async () => {
    const runtime = await createRuntime(h.config);
    const other = await buildApi(runtime);
    try {
      expect(await storefrontName(A, other.app)).toBe('Alpha Renamed'); // cached there now
      await h.call(A, '/api/v1/settings/branding', {
        method: 'PUT',
        token,
        body: {
          name: 'Alpha Everywhere',
          tagline: '',
          primaryColor: '#1f4f8b',
          accentColor: '#8a3b00',
          font: 'inter',
        },
      });
      await eventually(async () => (await storefrontName(A, other.app)) === 'Alpha Everywhere', {
        timeoutMs: 3000,
        what: 'the other process to see the new name',
      });
      expect(await storefrontName(B, other.app)).toBe('Beta Cache');
    } finally {
      await other.close();
      await runtime.close();
    }
  });
});
