import { type TenantApi, type Transport, tenantApi } from '@agora/api-client';
import type { PageDigest } from './etag.js';

/**
 * What the runtime's adapter hands every loader and action of the storefront: in Node,
 * platform-api (an in-process transport); at the edge, the Worker (`edge/worker.ts`: a transport
 * over HTTP to the origin). Runtime-neutral on purpose: Web APIs only.
 */
declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    transport: Transport;
    /** The page's hash for its ETag (etag.ts); Web Crypto when the adapter gives none. */
    pageDigest?: PageDigest;
  }
}

const clients = new WeakMap<Transport, TenantApi>();

/** The typed tenant API client for this request, one per request. */
export function apiFor(context: { transport: Transport }): TenantApi {
  let api = clients.get(context.transport);
  if (!api) {
    api = tenantApi(context.transport);
    clients.set(context.transport, api);
  }
  return api;
}
