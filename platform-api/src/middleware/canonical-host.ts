import { normalizeHost, publicOrigin } from '@agora/core';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';

/**
 * A marketplace with a verified primary domain is served there: page requests (GET and HEAD) on
 * its other hosts (the `<slug>` host, other custom domains) get a 301 to the same path and query
 * on the primary. The API (`/api/`) and the proxy's endpoints (`/internal/`) are not redirected:
 * API clients keep working on any host of the marketplace (tokens belong to the marketplace, not
 * to a host), and a redirected POST would lose its body. ADR 0039.
 */
export const canonicalHost = createMiddleware<AppEnv>(async (c, next) => {
  const surface = c.var.surface;
  if (
    surface.kind === 'tenant' &&
    surface.tenant.primaryHost !== null &&
    surface.tenant.status === 'active' &&
    (c.req.method === 'GET' || c.req.method === 'HEAD')
  ) {
    const url = new URL(c.req.url);
    const primary = surface.tenant.primaryHost;
    if (
      normalizeHost(c.req.header('host')) !== primary &&
      !url.pathname.startsWith('/api/') &&
      !url.pathname.startsWith('/internal/')
    ) {
      return c.redirect(`${publicOrigin(c.var.deps.config, primary)}${url.pathname}${url.search}`, 301);
    }
  }
  await next();
});
