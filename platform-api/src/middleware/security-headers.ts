import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';

/**
 * Every HTML page (storefront, console, staff pages, docs, fallback pages) refuses to be framed
 * by any site, so nobody can overlay a console button with a decoy (clickjacking):
 * `frame-ancestors 'none'` for current browsers, `X-Frame-Options: DENY` for older ones. Pages
 * also allow no `<base>` from elsewhere and no plugins. A response that brings its own CSP keeps it.
 */
export const PAGE_CSP = "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const type = c.res.headers.get('content-type') ?? '';
  if (!type.startsWith('text/html')) return;
  if (!c.res.headers.has('content-security-policy')) c.res.headers.set('content-security-policy', PAGE_CSP);
  c.res.headers.set('x-frame-options', 'DENY');
  c.res.headers.set('x-content-type-options', 'nosniff');
});
