import { lookupTenantByHost, type Runtime } from '@agora/core';
import { createRedis, subscribeTenantChanged } from '@agora/queue';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { ApiDeps, AppEnv, TenantEnv } from './context.js';
import { limitBodies } from './middleware/body-limit.js';
import { canonicalHost } from './middleware/canonical-host.js';
import { rejectControlCharacters } from './middleware/control-characters.js';
import { trustEdgeHost } from './middleware/edge-host.js';
import { onError } from './middleware/errors.js';
import { resolveSurface, TenantResolver } from './middleware/resolve-tenant.js';
import { securityHeaders } from './middleware/security-headers.js';
import { platformOnly, tenantOnly } from './middleware/surface-guards.js';
import { createApi, mountDocs } from './openapi.js';
import { fallbackPage } from './pages.js';
import { PublicCache } from './public-cache.js';
import { loadRemixApp, type RemixApp } from './remix.js';
import { catalogMedia, documentCatalogMedia } from './routes/catalog-media.js';
import { devMailbox } from './routes/dev-mailbox.js';
import { health } from './routes/health.js';
import { documentMedia, tenantMedia } from './routes/media.js';
import { platformAuth } from './routes/platform/auth.js';
import { platformDevEmails } from './routes/platform/dev-emails.js';
import { platformTenantDomains } from './routes/platform/tenant-domains.js';
import { platformTenants } from './routes/platform/tenants.js';
import { tenantAuth } from './routes/tenant/auth.js';
import { tenantBranding } from './routes/tenant/branding.js';
import { buyerAccount } from './routes/tenant/buyer-account.js';
import { tenantBuyerOrders } from './routes/tenant/buyer-orders.js';
import { tenantCart } from './routes/tenant/cart.js';
import { tenantCatalogCategories } from './routes/tenant/catalog-categories.js';
import { tenantCatalogImports } from './routes/tenant/catalog-imports.js';
import { tenantCatalogModeration } from './routes/tenant/catalog-moderation.js';
import { tenantCatalogProducts } from './routes/tenant/catalog-products.js';
import { tenantCatalogPublic } from './routes/tenant/catalog-public.js';
import { tenantCheckout } from './routes/tenant/checkout.js';
import { tenantCommission } from './routes/tenant/commission.js';
import { tenantCompanies } from './routes/tenant/companies.js';
import { tenantDomains } from './routes/tenant/domains.js';
import { tenantLedger } from './routes/tenant/ledger.js';
import { tenantMarketplaceSettings } from './routes/tenant/marketplace-settings.js';
import { tenantOperatorOrders } from './routes/tenant/operator-orders.js';
import { tenantOperatorVendors } from './routes/tenant/operator-vendors.js';
import { tenantSearch } from './routes/tenant/search.js';
import { tenantStorefront } from './routes/tenant/storefront.js';
import { tenantTeam } from './routes/tenant/team.js';
import { tenantTrackingWebhook } from './routes/tenant/tracking-webhook.js';
import { tenantUsers } from './routes/tenant/users.js';
import { tenantVendorApplications } from './routes/tenant/vendor-applications.js';
import { tenantVendorOrders } from './routes/tenant/vendor-orders.js';
import { tenantVendorPortal } from './routes/tenant/vendor-portal.js';
import { tenantVendors } from './routes/tenant/vendors.js';
import { tlsAsk } from './routes/tls.js';
import { mountUi } from './ui.js';

export type UiApps = { storefront: RemixApp | null; console: RemixApp | null };

/** The Hono app: every host, every route. Pure wiring; importable by tests and benchmarks. */
export function createApp(deps: ApiDeps, ui: UiApps = { storefront: null, console: null }) {
  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  app.use('*', securityHeaders);
  app.use('*', limitBodies);
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.onError(onError);
  // The edge storefront's requests name their marketplace in X-Forwarded-Host (ADR 0040).
  app.use('*', trustEdgeHost);
  app.route('/', health);
  app.use('*', resolveSurface);
  app.use('*', rejectControlCharacters);
  app.route('/', tlsAsk);
  app.use('*', canonicalHost);

  const platformApi = createApi<AppEnv>();
  platformApi.use('*', platformOnly);
  platformApi.route('/', platformAuth);
  platformApi.route('/', platformTenants);
  platformApi.route('/', platformTenantDomains);
  if (deps.config.env !== 'production' && deps.config.devMailbox) platformApi.route('/', platformDevEmails);
  mountDocs(platformApi, '/platform/v1', {
    title: 'Agora control plane API',
    description: 'Platform staff: tenants, provisioning, suspension.',
    surface: 'platform',
  });
  app.route('/platform/v1', platformApi);

  const tenantApi = createApi<TenantEnv>();
  tenantApi.use('*', tenantOnly);
  tenantApi.route('/', tenantStorefront);
  tenantApi.route('/', tenantSearch);
  tenantApi.route('/', tenantUsers);
  tenantApi.route('/', tenantBranding);
  documentMedia(tenantApi);
  tenantApi.route('/', tenantAuth);
  tenantApi.route('/', buyerAccount);
  tenantApi.route('/', tenantCompanies);
  tenantApi.route('/', tenantTeam);
  tenantApi.route('/', tenantVendorApplications);
  tenantApi.route('/', tenantOperatorVendors);
  tenantApi.route('/', tenantVendorPortal);
  tenantApi.route('/', tenantVendors);
  tenantApi.route('/', tenantMarketplaceSettings);
  tenantApi.route('/', tenantDomains);
  // Catalog: categories, vendor products (static paths before {id}), moderation, public products, CSV.
  tenantApi.route('/', tenantCatalogCategories);
  tenantApi.route('/', tenantCatalogProducts);
  tenantApi.route('/', tenantCatalogModeration);
  tenantApi.route('/', tenantCatalogPublic);
  tenantApi.route('/', tenantCatalogImports);
  tenantApi.route('/', tenantLedger);
  documentCatalogMedia(tenantApi);
  // Orders after placement (ADR 0036): static paths (export.csv) before {id} in each.
  tenantApi.route('/', tenantVendorOrders);
  tenantApi.route('/', tenantBuyerOrders);
  tenantApi.route('/', tenantOperatorOrders);
  tenantApi.route('/', tenantTrackingWebhook);
  // Buying: the cart, checkout and spending-limit approvals.
  tenantApi.route('/', tenantCart);
  tenantApi.route('/', tenantCheckout);
  tenantApi.route('/', tenantCommission);
  mountDocs(tenantApi, '/api/v1', {
    title: 'Agora marketplace API',
    description: 'The API of one marketplace, on its own host.',
    surface: 'tenant',
  });
  app.route('/api/v1', tenantApi);
  app.route('/', tenantMedia);
  app.route('/', catalogMedia);
  // Development only, and before the UI's catch-all: the dev mailbox page on the platform host.
  if (deps.config.env !== 'production' && deps.config.devMailbox) app.route('/', devMailbox);

  mountUi(app, ui);
  app.notFound(fallbackPage);
  return app;
}

export type Api = {
  app: ReturnType<typeof createApp>;
  resolver: TenantResolver;
  publicCache: PublicCache;
  close(): Promise<void>;
};

export type UiBuilds = {
  /** The storefront's build directory: `build`, or `build-bench` (with the benchmark routes). */
  storefront?: 'build' | 'build-bench';
};

/** Mount the built Remix apps, when built (see loadRemixApp). */
export async function loadUiApps(builds: UiBuilds = {}): Promise<UiApps> {
  const [storefront, console] = await Promise.all([
    loadRemixApp('storefront', builds.storefront),
    loadRemixApp('tenant-console'),
  ]);
  return { storefront, console };
}

/** The app plus its host and public-content caches, kept fresh by tenant-changed events from Redis. */
export async function buildApi(runtime: Runtime, builds: UiBuilds = {}): Promise<Api> {
  const resolver = new TenantResolver(
    (host) => lookupTenantByHost(runtime.database, host),
    runtime.config.tenantCacheTtlMs,
  );
  const publicCache = new PublicCache(runtime.config.tenantCacheTtlMs);
  const subscriber = createRedis(runtime.config.redisUrl, { blocking: true, name: 'agora-api-events' });
  await subscribeTenantChanged(subscriber, runtime.config.queuePrefix, (e) => {
    resolver.invalidate(e);
    publicCache.invalidate(e.tenantId);
  });
  // After a reconnect we may have missed events: start from clean caches.
  subscriber.on('ready', () => {
    resolver.clear();
    publicCache.clear();
  });
  return {
    app: createApp({ ...runtime, resolver, publicCache }, await loadUiApps(builds)),
    resolver,
    publicCache,
    close: async () => {
      subscriber.disconnect();
    },
  };
}
