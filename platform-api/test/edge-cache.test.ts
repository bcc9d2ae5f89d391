import { describe, expect, it } from 'vitest';
import { EdgeCache, policyOf } from '../../storefront/edge/cache.js';

// The edge cache's rules with a clock the test moves (the Worker test, edge-storefront.test.ts,
// runs it under workerd's real Cache API, where time cannot be moved): fresh, then stale while one
// refresh runs, then gone; purges count against entries made before them.

/** The Cache API's match/put/delete by URL, in memory. */
class MemoryCache {
  readonly entries = new Map<string, { body: ArrayBuffer; status: number; headers: [string, string][] }>();
  async match(key: string) {
    const e = this.entries.get(key);
    return e ? new Response(e.body.slice(0), { status: e.status, headers: e.headers }) : undefined;
  }
  async put(key: string, res: Response) {
    this.entries.set(key, { body: await res.arrayBuffer(), status: res.status, headers: [...res.headers] });
  }
  async delete(key: string) {
    return this.entries.delete(key);
  }
}

const setup = () => {
  let now = 1_000_000;
  const memory = new MemoryCache();
  const cache = new EdgeCache(memory as unknown as Cache, () => now);
  return { cache, memory, tick: (ms: number) => (now += ms), now: () => now };
};
const POLICY = { sMaxAge: 60, staleWhileRevalidate: 600, keys: ['tenant-a'] };
const page = (text: string) =>
  new Response(text, { headers: { 'content-type': 'text/html', etag: 'W/"1"' } });

describe('EdgeCache', () => {
  it('serves an entry fresh for s-maxage, then stale for stale-while-revalidate, then not at all', async () => {
    const { cache, tick, now } = setup();
    await cache.store('https://a.example/', page('v1'), 'v1', POLICY, now());
    let hit = await cache.lookup('https://a.example/');
    expect(hit?.state).toBe('fresh');
    expect(await hit?.response.text()).toBe('v1');
    expect(hit?.response.headers.get('etag')).toBe('W/"1"');
    // Only what a client may see: none of the cache's own headers.
    expect(
      [...(hit?.response.headers.keys() ?? [])].filter(
        (k) => k.startsWith('x-agora-edge') || k === 'cache-tag',
      ),
    ).toEqual([]);
    tick(61_000);
    hit = await cache.lookup('https://a.example/');
    expect(hit?.state).toBe('stale');
    expect(hit?.response.headers.get('age')).toBe('61');
    tick(600_000);
    expect(await cache.lookup('https://a.example/')).toBeNull();
  });

  it('is per URL, so per host', async () => {
    const { cache, now } = setup();
    await cache.store('https://a.example/vendors', page('a'), 'a', POLICY, now());
    expect(await cache.lookup('https://b.example/vendors')).toBeNull();
  });

  it('runs one refresh per stale entry at a time', async () => {
    const { cache } = setup();
    let runs = 0;
    let release: () => void = () => {};
    const refresh = () =>
      new Promise<void>((resolve) => {
        runs++;
        release = resolve;
      });
    const first = cache.revalidate('k', refresh);
    const second = cache.revalidate('k', refresh);
    expect(runs).toBe(1);
    release();
    await Promise.all([first, second]);
    await cache.revalidate('k', async () => {
      runs++;
    });
    expect(runs).toBe(2);
  });

  it('misses every entry of a purged key made before the purge, including one being made during it', async () => {
    const { cache, tick, now } = setup();
    await cache.store('https://a.example/', page('old'), 'old', POLICY, now());
    await cache.store('https://b.example/', page('b'), 'b', { ...POLICY, keys: ['tenant-b'] }, now());
    tick(10);
    const renderStartedAt = now(); // a render that began before the purge...
    tick(10);
    await cache.purge(['tenant-a']);
    tick(10);
    await cache.store('https://a.example/x', page('read before purge'), '...', POLICY, renderStartedAt); // ...and was stored after it
    expect(await cache.lookup('https://a.example/')).toBeNull();
    expect(await cache.lookup('https://a.example/x')).toBeNull();
    expect((await cache.lookup('https://b.example/'))?.state).toBe('fresh');
    tick(10);
    await cache.store('https://a.example/', page('new'), 'new', POLICY, now());
    expect(await (await cache.lookup('https://a.example/'))?.response.text()).toBe('new');
  });

  it('sees a purge made by another isolate of the same location within a second', async () => {
    const { cache, memory, tick, now } = setup();
    const other = new EdgeCache(memory as unknown as Cache, now);
    await cache.store('https://a.example/', page('old'), 'old', POLICY, now());
    expect((await cache.lookup('https://a.example/'))?.state).toBe('fresh'); // reads the (absent) marker
    tick(10);
    await other.purge(['tenant-a']);
    expect(await other.lookup('https://a.example/')).toBeNull(); // the isolate that was told: at once
    tick(1000);
    expect(await cache.lookup('https://a.example/')).toBeNull(); // the other: once its memo is a second old
  });

  it('takes its policy from the origin’s headers: s-maxage and a surrogate key, never private answers', () => {
    const h = (cc: string, key = 'tenant-a') => new Headers({ 'cache-control': cc, 'surrogate-key': key });
    expect(policyOf(h('public, max-age=0, s-maxage=60, stale-while-revalidate=600'))).toEqual(POLICY);
    expect(policyOf(h('public, no-cache'))).toBeNull();
    expect(policyOf(h('private, s-maxage=60'))).toBeNull();
    expect(policyOf(h('public, s-maxage=60', ''))).toBeNull();
    expect(policyOf(h('public, s-maxage=30'))).toEqual({
      sMaxAge: 30,
      staleWhileRevalidate: 0,
      keys: ['tenant-a'],
    });
  });
});
