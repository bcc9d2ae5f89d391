import { type TenantApi, type Transport, tenantApi } from '@agora/api-client';

/** What platform-api hands every loader and action of the storefront. */
declare module '@remix-run/node' {
  interface AppLoadContext {
    transport: Transport;
    tenant: { id: string; slug: string };
  }
}

/** The typed tenant API client for this request (in process in the Node server). */
export const apiFor = (context: { transport: Transport }): TenantApi => tenantApi(context.transport);
