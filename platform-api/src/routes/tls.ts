import { lookupTenantByHost, normalizeHost } from '@agora/core';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/**
 * Caddy's on-demand TLS asks here before getting a certificate for a hostname: 200 only for
 * the platform host and hostnames of existing tenants, so nobody can make us request
 * certificates for arbitrary names. Not cached: Caddy asks once per new hostname.
 */
export const tlsAsk = new Hono<AppEnv>().get('/internal/tls-allowed', async (c) => {
  const { config, database } = c.var.deps;
  const host = normalizeHost(c.req.query('domain'));
  const allowed =
    host !== '' && (host === config.platformHost || (await lookupTenantByHost(database, host)) !== null);
  return c.body(null, allowed ? 200 : 404);
});
