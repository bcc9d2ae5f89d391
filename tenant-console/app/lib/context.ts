import type { Transport } from '@agora/api-client';

/**
 * platform-api hands the console a transport to the API (in process) and says where the
 * request landed: a tenant host (`/console/*`) or the platform host (staff pages).
 */
declare module '@remix-run/node' {
  interface AppLoadContext {
    surface: 'tenant' | 'platform';
    transport: Transport;
    tenant?: { id: string; slug: string };
  }
}
