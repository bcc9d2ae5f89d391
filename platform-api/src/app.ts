import { lookupTenantByHost, type Runtime } from '@agora/core';
import { createRedis, subscribeTenantChanged } from '@agora/queue';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { ApiDeps, AppEnv, TenantEnv } from './context.js';
import { onError } from './middleware/errors.js';
import { resolveSurface, TenantResolver } from './middleware/resolve-tenant.js';
import { platformOnly, tenantOnly } from './middleware/surface-guards.js';
import { createApi, mountDocs } from './openapi.js';
import { fallbackPage } from './pages.js';
import { health } from './routes/health.js';
import { platformAuth } from './routes/platform/auth.js';
import { platformTenants } from './routes/platform/tenants.js';
import { tenantStorefront } from './routes/tenant/storefront.js';
import { tenantUsers } from './routes/tenant/users.js';
import { tlsAsk } from './routes/tls.js';

/** The Hono app: every host, every route. Pure wiring; importable by tests and benchmarks. */
export function createApp(deps: ApiDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.onError(onError);
  app.route('/', health);
  app.route('/', tlsAsk);
  app.use('*', resolveSurface);

  const platformApi = createApi<AppEnv>();
  platformApi.use('*', platformOnly);
  platformApi.route('/', platformAuth);
  platformApi.route('/', platformTenants);
  mountDocs(platformApi, '/platform/v1', {
    title: 'Agora control plane API',
    description: 'Platform staff: tenants, provisioning, suspension.',
  });
  app.route('/platform/v1', platformApi);

  const tenantApi = createApi<TenantEnv>();
  tenantApi.use('*', tenantOnly);
  tenantApi.route('/', tenantStorefront);
  tenantApi.route('/', tenantUsers);
  mountDocs(tenantApi, '/api/v1', {
    title: 'Agora marketplace API',
    description: 'The API of one marketplace, on its own host.',
  });
  app.route('/api/v1', tenantApi);

  app.notFound(fallbackPage);
  return app;
}

export type Api = { app: ReturnType<typeof createApp>; resolver: TenantResolver; close(): Promise<void> };

/** The app plus its host cache, kept fresh by tenant-changed events from Redis. */
export async function buildApi(runtime: Runtime): Promise<Api> {
  const resolver = new TenantResolver(
    (host) => lookupTenantByHost(runtime.database, host),
    runtime.config.tenantCacheTtlMs,
  );
  const subscriber = createRedis(runtime.config.redisUrl, { blocking: true, name: 'agora-api-events' });
  await subscribeTenantChanged(subscriber, runtime.config.queuePrefix, (e) => resolver.invalidate(e));
  // After a reconnect we may have missed events: start from a clean cache.
  subscriber.on('ready', () => resolver.clear());
  return {
    app: createApp({ ...runtime, resolver }),
    resolver,
    close: async () => {
      subscriber.disconnect();
    },
  };
}
