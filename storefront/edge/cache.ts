/**
 * The edge cache: anonymous storefront pages and the origin's cacheable API reads, kept with the
 * Cache API per URL (so per host) under the surrogate keys the origin gives them, fresh for the
 * origin's `s-maxage`, then served stale for its `stale-while-revalidate` while one background
 * render refreshes them (docs/decisions/0040-edge-rendered-storefront.md).
 *
 * Purges: an entry stored before the last purge of any of its keys is a miss. A purge is recorded
 * as a marker entry per key (`purge(keys)`, reached through the Worker's purge endpoint, which the
 * origin's CDN purge calls, ADR 0016); entries also carry `Cache-Tag`, so a zone purge by tag at
 * Cloudflare removes them as well.
 */

/** How long an answer may be kept, from the origin's headers; null when it may not be shared. */
export type CachePolicy = { sMaxAge: number; staleWhileRevalidate: number; keys: string[] };

export type Hit = { response: Response; state: 'fresh' | 'stale'; policy: CachePolicy };

const STORED_AT = 'x-agora-edge-stored-at';
const FRESH_FOR = 'x-agora-edge-fresh-for';
const STALE_FOR = 'x-agora-edge-stale-for';
const KEYS = 'x-agora-edge-keys';
const PURGED_AT = 'x-agora-edge-purged-at';
/** Longest an entry is kept at all (seconds); purge markers live this long too. */
const MAX_LIFETIME_S = 86_400;
const MARKER_ORIGIN = 'https://purge.agora-edge.invalid/';

export function policyOf(headers: Headers): CachePolicy | null {
  const cc = (headers.get('cache-control') ?? '').toLowerCase();
  if (/\b(?:private|no-store)\b/.test(cc)) return null;
  const sMaxAge = /\bs-maxage=(\d+)/.exec(cc);
  const keys = (headers.get('surrogate-key') ?? '').split(/\s+/).filter(Boolean);
  if (!sMaxAge || keys.length === 0) return null;
  const swr = /\bstale-while-revalidate=(\d+)/.exec(cc);
  return { sMaxAge: Number(sMaxAge[1]), staleWhileRevalidate: swr ? Number(swr[1]) : 0, keys };
}

/** Headers of a stored entry that only the cache reads. */
const INTERNAL = [STORED_AT, FRESH_FOR, STALE_FOR, KEYS, 'cache-tag'];

/**
 * How long this isolate trusts what it last read of a key's purge marker (ms). A purge received by
 * this isolate counts at once; one received by another isolate of the same location counts within
 * this delay. It saves a second Cache API lookup on every hit.
 */
const MARKER_MEMO_MS = 1000;

export class EdgeCache {
  private readonly refreshing = new Set<string>();
  private readonly markers = new Map<string, { purgedAt: number; readAt: number }>();

  constructor(
    private readonly cache: Cache,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The entry for `key` if it is fresh or still within its stale window, and not purged since. */
  async lookup(key: string): Promise<Hit | null> {
    const stored = await this.cache.match(key);
    if (!stored) return null;
    const storedAt = Number(stored.headers.get(STORED_AT));
    const policy: CachePolicy = {
      sMaxAge: Number(stored.headers.get(FRESH_FOR)),
      staleWhileRevalidate: Number(stored.headers.get(STALE_FOR)),
      keys: (stored.headers.get(KEYS) ?? '').split(' ').filter(Boolean),
    };
    const ageS = (this.now() - storedAt) / 1000;
    if (!Number.isFinite(ageS) || ageS >= policy.sMaxAge + policy.staleWhileRevalidate) {
      await stored.body?.cancel();
      return null;
    }
    if (await this.purgedSince(policy.keys, storedAt)) {
      await stored.body?.cancel();
      await this.cache.delete(key);
      return null;
    }
    const headers = new Headers(stored.headers);
    for (const name of INTERNAL) headers.delete(name);
    headers.set('age', String(Math.floor(ageS)));
    return {
      response: new Response(stored.body, { status: stored.status, headers }),
      state: ageS < policy.sMaxAge ? 'fresh' : 'stale',
      policy,
    };
  }

  /**
   * Keep `body` under `key`. `startedAt` is when the answer began to be made: a purge that lands
   * while it is being made counts against it, so content read before a change never outlives
   * the change's purge.
   */
  async store(
    key: string,
    response: Response,
    body: ArrayBuffer | string,
    policy: CachePolicy,
    startedAt: number,
  ) {
    const headers = new Headers(response.headers);
    headers.delete('set-cookie');
    headers.delete('age');
    const lifetime = Math.min(policy.sMaxAge + policy.staleWhileRevalidate, MAX_LIFETIME_S);
    headers.set('cache-control', `public, max-age=${lifetime}`);
    headers.set('cache-tag', policy.keys.join(','));
    headers.set(STORED_AT, String(startedAt));
    headers.set(FRESH_FOR, String(policy.sMaxAge));
    headers.set(STALE_FOR, String(policy.staleWhileRevalidate));
    headers.set(KEYS, policy.keys.join(' '));
    await this.cache.put(key, new Response(body, { status: response.status, headers }));
  }

  /** Every entry stored before now under any of `keys` becomes a miss. */
  async purge(keys: string[]): Promise<void> {
    const now = this.now();
    const at = String(now);
    for (const k of keys) this.markers.set(k, { purgedAt: now, readAt: now });
    await Promise.all(
      keys.map((k) =>
        this.cache.put(
          MARKER_ORIGIN + encodeURIComponent(k),
          new Response('', {
            headers: { [PURGED_AT]: at, 'cache-control': `public, max-age=${MAX_LIFETIME_S}` },
          }),
        ),
      ),
    );
  }

  /**
   * Run `refresh` for `key` in the background unless one is already running in this isolate
   * (stale-while-revalidate: one refresh per entry, however many visitors see the stale copy).
   */
  revalidate(key: string, refresh: () => Promise<unknown>): Promise<void> {
    if (this.refreshing.has(key)) return Promise.resolve();
    this.refreshing.add(key);
    return refresh()
      .then(
        () => undefined,
        (e) => console.error('edge revalidation failed', key, e),
      )
      .finally(() => this.refreshing.delete(key));
  }

  private async purgedSince(keys: string[], storedAt: number): Promise<boolean> {
    const purgedAt = await Promise.all(keys.map((k) => this.lastPurge(k)));
    return purgedAt.some((at) => at >= storedAt);
  }

  /** When `key` was last purged (0: never), from this isolate's memo or the Cache API. */
  private async lastPurge(key: string): Promise<number> {
    const now = this.now();
    const memo = this.markers.get(key);
    if (memo && now - memo.readAt < MARKER_MEMO_MS) return memo.purgedAt;
    const marker = await this.cache.match(MARKER_ORIGIN + encodeURIComponent(key));
    const purgedAt = marker ? Number(marker.headers.get(PURGED_AT)) || 0 : 0;
    await marker?.body?.cancel();
    if (this.markers.size >= 10_000) this.markers.clear();
    this.markers.set(key, { purgedAt: Math.max(purgedAt, memo?.purgedAt ?? 0), readAt: now });
    return Math.max(purgedAt, memo?.purgedAt ?? 0);
  }
}
