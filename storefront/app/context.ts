import { type TenantApi, type Transport, tenantApi } from '@agora/api-client';

/** What platform-api hands every loader and action of the storefront. */
declare module '@remix-run/node' {
  interface AppLoadContext {
    transport: Transport;
    tenant: { id: string; slug: string };
  }
}

const clients = new WeakMap<Transport, TenantApi>();

/** The typed tenant API client for this request (in process in the Node server), one per request. */
export function apiFor(context: { transport: Transport }): TenantApi {
  let api = clients.get(context.transport);
  if (!api) {
    api = tenantApi(context.transport);
    clients.set(context.transport, api);
  }
  return api;
}
