import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { TenantEnv } from './context.js';

/**
 * Per-tenant, in-process cache of small public reads that nearly every storefront page makes
 * (the storefront's name and theme, the category tree). Entries live `ttlMs` at most and are
 * dropped at once when the tenant's public content changes: by the writing request in this
 * process, and through `tenant-changed` events in every other process (`contentChanged`). The
 * TTL bounds staleness if an event is missed (Redis down). Concurrent misses share one load, and
 * a load that overlaps an invalidation is returned but not kept.
 */
export class PublicCache {
  private readonly tenants = new Map<string, Map<string, { value: unknown; expires: number }>>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly generations = new Map<string, number>();
  /** Bumped by `clear`, so loads that started before it are not kept either. */
  private epoch = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxTenants = 10_000,
  ) {}

  read<T>(tenantId: string, key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.tenants.get(tenantId)?.get(key);
    if (hit && hit.expires > Date.now()) return Promise.resolve(hit.value as T);
    const flight = `${tenantId}\0${key}`;
    let pending = this.inflight.get(flight) as Promise<T> | undefined;
    if (!pending) {
      const generation = this.generation(tenantId);
      pending = load()
        .then((value) => {
          if (generation === this.generation(tenantId)) this.store(tenantId, key, value);
          return value;
        })
        .finally(() => this.inflight.delete(flight));
      this.inflight.set(flight, pending);
    }
    return pending;
  }

  invalidate(tenantId: string): void {
    this.generations.set(tenantId, (this.generations.get(tenantId) ?? 0) + 1);
    this.tenants.delete(tenantId);
  }

  clear(): void {
    this.epoch++;
    this.tenants.clear();
  }

  private generation(tenantId: string): string {
    return `${this.epoch}.${this.generations.get(tenantId) ?? 0}`;
  }

  private store(tenantId: string, key: string, value: unknown) {
    if (this.ttlMs <= 0) return;
    let entries = this.tenants.get(tenantId);
    if (!entries) {
      if (this.tenants.size >= this.maxTenants) {
        const oldest = this.tenants.keys().next().value;
        if (oldest !== undefined) this.tenants.delete(oldest);
      }
      entries = new Map();
      this.tenants.set(tenantId, entries);
    }
    entries.set(key, { value, expires: Date.now() + this.ttlMs });
  }
}

/**
 * The per-route cache declaration of a write, spread into `createRoute` after its access level
 * with that level's middleware (`...access.operator, ...changesPublic(...access.operator.middleware)`):
 * the route's middleware plus `changesPublicContent`, and `x-agora-cache` in the OpenAPI
 * document. Which writes drop the public cache is declared on the routes themselves, not in a
 * path list (docs/caching.md).
 */
// biome-ignore lint/suspicious/noExplicitAny: any middleware, as access.ts's chain
export function changesPublic<M extends MiddlewareHandler<any, any, any>[]>(...middleware: M) {
  return {
    middleware: [...middleware, changesPublicContent] as [...M, typeof changesPublicContent],
    'x-agora-cache': { invalidates: ['public-content'] },
  };
}

/**
 * Middleware for the routes whose writes change what `PublicCache` holds (branding, the category
 * tree), declared with `changesPublic`: after a successful write, drop this tenant's entries here at once and tell every other
 * API process. The write has committed by then, so a failed announcement does not fail the
 * request; the other processes catch up within the TTL.
 */
export const changesPublicContent: MiddlewareHandler<TenantEnv> = createMiddleware<TenantEnv>(
  async (c, next) => {
    await next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || !c.res.ok) return;
    const { publicCache, events } = c.var.deps;
    const tenantId = c.var.tenant.id;
    publicCache.invalidate(tenantId);
    await events.tenantChanged({ tenantId, hostnames: [] }).catch((e: unknown) => {
      console.error(`public content of tenant ${tenantId} changed, but the announcement failed:`, e);
    });
  },
);
