import { type HostTenant, normalizeHost } from '@agora/core';
import type { TenantChanged } from '@agora/queue';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';

type Entry = { tenant: HostTenant | null; expires: number };

/**
 * Host -> tenant, through a bounded in-process cache with a short TTL. Unknown hosts are
 * cached too (briefly), so random Host headers cannot hammer the database. Entries are
 * dropped at once when a `tenant-changed` event arrives; the TTL bounds staleness if one is
 * missed (Redis down). Concurrent misses for one host share a single lookup.
 */
export class TenantResolver {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<HostTenant | null>>();
  private generation = 0;

  constructor(
    private readonly lookup: (host: string) => Promise<HostTenant | null>,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  resolve(host: string): Promise<HostTenant | null> | HostTenant | null {
    const hit = this.entries.get(host);
    if (hit && hit.expires > Date.now()) return hit.tenant;
    let pending = this.inflight.get(host);
    if (!pending) {
      const generation = this.generation;
      pending = this.lookup(host)
        .then((tenant) => {
          // An invalidation during the lookup may mean the answer is already stale: don't keep it.
          if (generation === this.generation) this.store(host, tenant);
          return tenant;
        })
        .finally(() => this.inflight.delete(host));
      this.inflight.set(host, pending);
    }
    return pending;
  }

  invalidate(event: TenantChanged): void {
    this.generation++;
    for (const h of event.hostnames) this.entries.delete(h);
    for (const [h, e] of this.entries) if (e.tenant?.id === event.tenantId) this.entries.delete(h);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  private store(host: string, tenant: HostTenant | null) {
    if (this.ttlMs <= 0) return;
    this.entries.delete(host);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(host, {
      tenant,
      expires: Date.now() + (tenant ? this.ttlMs : Math.min(this.ttlMs, 2000)),
    });
  }
}

/** Decide the request's surface from its Host: the platform host, a tenant host, or unknown. */
export const resolveSurface = createMiddleware<AppEnv>(async (c, next) => {
  const { config, resolver } = c.var.deps;
  const host = normalizeHost(c.req.header('host'));
  if (host === config.platformHost) {
    c.set('surface', { kind: 'platform' });
  } else {
    const found = host ? resolver.resolve(host) : null;
    // A cache hit is a plain value: no await, no extra turn of the event loop on the hot path.
    const tenant = found instanceof Promise ? await found : found;
    c.set('surface', tenant ? { kind: 'tenant', tenant } : { kind: 'unknown', host });
  }
  await next();
});
