import type { Config } from '@agora/config';

/**
 * A shared cache (CDN) in front of the storefronts. Anonymous pages carry a surrogate key per
 * tenant; after a change that shows on them, the worker purges the key, so the next request
 * after the change reaches the server (docs/decisions/0016).
 */
export interface Cdn {
  /** True when pages may be offered to shared caches (a purge exists). */
  readonly enabled: boolean;
  purge(keys: string[]): Promise<void>;
}

/** The surrogate key of every cacheable page and API answer of a tenant. */
export const tenantSurrogateKey = (tenantId: string) => `tenant-${tenantId}`;

/** No CDN: nothing to purge, and pages are not offered to shared caches. */
export const noCdn: Cdn = { enabled: false, purge: async () => {} };

/**
 * Purge over HTTP: POST to the configured URL with `{key}` replaced, body `{"tags":[key]}`, and
 * the configured headers (Fastly's purge-by-key URL ignores the body; Cloudflare's purge by tag
 * reads it; a custom endpoint can take either). Any answer but 2xx is an error, so the job that
 * asked retries.
 */
export class HttpCdn implements Cdn {
  readonly enabled = true;

  constructor(
    private readonly urlTemplate: string,
    private readonly headers: Record<string, string> = {},
    private readonly timeoutMs = 10_000,
  ) {}

  async purge(keys: string[]): Promise<void> {
    for (const key of new Set(keys)) {
      const url = this.urlTemplate.replaceAll('{key}', encodeURIComponent(key));
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.headers },
        body: JSON.stringify({ tags: [key] }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`CDN purge of ${key} answered ${res.status}`);
    }
  }
}

export const createCdn = (config: Config): Cdn =>
  config.cdn ? new HttpCdn(config.cdn.purgeUrl, config.cdn.headers) : noCdn;
