import type { CachePolicy, EdgeCache } from './cache.js';
import { policyOf } from './cache.js';
import type { EdgeContext, EdgeEnv } from './env.js';
import { noMarketplace, toOrigin } from './origin.js';

/** The read whose cache policy a page takes: the branding, which every page shows (root loader). */
const PAGE_POLICY_PATH = '/api/v1/storefront';

/**
 * The loaders' API calls during one render at the edge: each goes to the origin over HTTP with the
 * page's host; anonymous GETs the origin marks shareable (`s-maxage` + `Surrogate-Key`) are read
 * through the edge cache (`read-through`), or fetched anew and stored (`refresh`, in a background
 * revalidation). It notes what the page needs to know: the policy it may be cached under, and
 * whether the origin said there is no marketplace at this host.
 */
export class OriginReads {
  /** The page's cache policy; null when any read may not be shared. */
  pagePolicy: CachePolicy | null = null;
  noMarketplace = false;
  private uncacheable = false;

  constructor(
    private readonly env: EdgeEnv,
    private readonly host: string,
    private readonly cache: EdgeCache | null,
    private readonly ctx: EdgeContext,
    private readonly mode: 'read-through' | 'refresh',
  ) {}

  get policy(): CachePolicy | null {
    return this.uncacheable ? null : this.pagePolicy;
  }

  readonly fetch = async (apiRequest: Request): Promise<Response> => {
    const path = new URL(apiRequest.url).pathname;
    const shareable = apiRequest.method === 'GET' && !apiRequest.headers.has('authorization');
    const key = this.cache && shareable ? apiRequest.url : null;
    const cache = this.cache;
    if (key && cache && this.mode === 'read-through') {
      const hit = await cache.lookup(key);
      if (hit) {
        if (hit.state === 'stale')
          this.ctx.waitUntil(cache.revalidate(key, () => this.fromOrigin(apiRequest, key)));
        this.note(path, hit.policy, hit.response);
        return hit.response;
      }
    }
    return this.fromOrigin(apiRequest, key, path);
  };

  private async fromOrigin(apiRequest: Request, key: string | null, path = new URL(apiRequest.url).pathname) {
    const startedAt = Date.now();
    const res = await fetch(toOrigin(apiRequest, this.env, this.host));
    if (await noMarketplace(res)) this.noMarketplace = true;
    const policy = res.status === 200 ? policyOf(res.headers) : null;
    this.note(path, policy, res);
    if (!key || !policy || !this.cache) return res;
    const body = await res.arrayBuffer();
    await this.cache.store(key, res, body, policy, startedAt);
    return new Response(body, res);
  }

  private note(path: string, policy: CachePolicy | null, res: Response) {
    const cc = res.headers.get('cache-control') ?? '';
    if (/\b(?:private|no-store)\b/i.test(cc) || res.headers.has('set-cookie')) this.uncacheable = true;
    if (path === PAGE_POLICY_PATH) this.pagePolicy = policy;
  }
}
