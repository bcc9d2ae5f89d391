import { timingSafeEqual } from 'node:crypto';
import { allowCertificate } from '@agora/core';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/**
 * Caddy's on-demand TLS asks here before getting a certificate for a hostname (see
 * `allowCertificate`: the platform host and active marketplaces only). The endpoint is for the
 * proxy alone, since its answers say which marketplaces exist: anyone else gets the 404 of a page
 * that is not there. The proxy is recognised by the shared AGORA_TLS_ASK_SECRET (Caddy's `ask`
 * URL carries it as `?secret=`), or, when none is configured, as a direct request (no
 * X-Forwarded-For: a proxied public request always has one) from a loopback or private address.
 * Never on a marketplace's own host. Not cached: Caddy asks once per new hostname.
 */
export const tlsAsk = new Hono<AppEnv>().get('/internal/tls-allowed', async (c) => {
  const { config, database } = c.var.deps;
  if (c.var.surface.kind === 'tenant' || !fromTheProxy(c, config.tlsAskSecret))
    return c.json({ error: { code: 'not_found', message: 'Not found' } }, 404);
  const allowed = await allowCertificate(database, config.platformHost, c.req.query('domain'));
  return c.body(null, allowed ? 200 : 404);
});

function fromTheProxy(c: Context<AppEnv>, secret: string | undefined): boolean {
  if (secret !== undefined) {
    const sent = Buffer.from(c.req.query('secret') ?? '');
    const expected = Buffer.from(secret);
    return sent.length === expected.length && timingSafeEqual(sent, expected);
  }
  if (c.req.header('x-forwarded-for') !== undefined) return false;
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    return false; // no socket: not a network request from the proxy
  }
  return address !== undefined && isInternalAddress(address);
}

/** Loopback and private-network addresses (RFC 1918, RFC 4193), IPv4-mapped ones included. */
export function isInternalAddress(address: string): boolean {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/i.exec(address);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  const v6 = address.toLowerCase();
  return v6 === '::1' || /^f[cd][0-9a-f]{2}:/.test(v6);
}
