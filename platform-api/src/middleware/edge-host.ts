import { timingSafeEqual } from 'node:crypto';
import { AppError } from '@agora/contracts';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';

/** The header the edge storefront sends its shared secret in (AGORA_EDGE_SECRET). */
export const EDGE_SECRET_HEADER = 'x-agora-edge-secret';

/**
 * Requests from the edge storefront (the Worker, docs/decisions/0040-edge-rendered-storefront.md)
 * reach the origin at the origin's own address, so their Host names the origin, not the
 * marketplace; the marketplace's host travels in `X-Forwarded-Host`. It is believed only with the
 * shared secret in `X-Agora-Edge-Secret`: the request then continues exactly as if it had been sent
 * to that host (Host replaced, the secret removed), so tenant resolution, cookies and the pages'
 * own same-site checks see the marketplace's host. A wrong secret is refused (403); without the
 * header nothing changes. Runs first, before anything reads the host.
 */
export const trustEdgeHost = createMiddleware<AppEnv>(async (c, next) => {
  const sent = c.req.header(EDGE_SECRET_HEADER);
  if (sent === undefined) return next();
  const secret = c.var.deps.config.edgeSecret;
  const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
  if (!secret || !sameSecret(sent, secret) || !host)
    throw new AppError('forbidden', 'Not an edge of this platform');
  const headers = new Headers(c.req.raw.headers);
  headers.delete(EDGE_SECRET_HEADER);
  headers.set('host', host);
  const raw = c.req.raw;
  const hasBody = raw.body !== null && raw.method !== 'GET' && raw.method !== 'HEAD';
  c.req.raw = new Request(raw.url, {
    method: raw.method,
    headers,
    body: hasBody ? raw.body : undefined,
    signal: raw.signal,
    ...(hasBody ? { duplex: 'half' } : {}),
  } as RequestInit);
  await next();
});

function sameSecret(sent: string, secret: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
