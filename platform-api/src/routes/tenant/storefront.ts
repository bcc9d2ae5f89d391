import { AppError, EmailVerificationSent, LoginBody, Me, Session, Storefront } from '@agora/contracts';
import { getStorefront, getTenantUser, loginTenantUser, requestEmailVerification } from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import {
  LOGIN_429_DOC,
  LOGIN_LIMITS_DOC,
  loginLimits,
  rateLimitedResponse,
} from '../../middleware/rate-limit.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';
import { sharedCacheHeaders } from '../../shared-cache.js';

/**
 * The storefront's branding is on every page, so its read carries the pages' own shared-cache
 * policy and surrogate key: the edge storefront caches a page as long as this read allows
 * (docs/decisions/0016, 0040). Branding changes purge the key.
 */
export const STOREFRONT_CACHE = { sMaxAge: 60, staleWhileRevalidate: 600 };

export const tenantStorefront = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...access.public,
      method: 'get',
      path: '/storefront',
      operationId: 'getStorefront',
      tags: ['storefront'],
      summary: "The marketplace's public name and theme",
      responses: { 200: json(Storefront, 'Public branding'), ...errorResponses(403, 404) },
    }),
    async (c) => {
      const { database, publicCache } = c.var.deps;
      const tenant = c.var.tenant;
      return c.json(
        await publicCache.read(tenant.id, 'storefront', () => getStorefront(database, tenant)),
        200,
        sharedCacheHeaders(c.var.deps.cdn, tenant.id, STOREFRONT_CACHE),
      );
    },
  )
  .openapi(
    createRoute({
      ...access.public,
      method: 'post',
      path: '/auth/login',
      operationId: 'login',
      tags: ['auth'],
      summary: 'Log in to this marketplace',
      description: LOGIN_LIMITS_DOC,
      middleware: [...loginLimits] as const,
      request: { body: jsonBody(LoginBody) },
      responses: {
        200: json(Session, "A token valid on this marketplace's hosts only"),
        ...errorResponses(400, 401, 403, 404),
        ...rateLimitedResponse(LOGIN_429_DOC),
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      return c.json(
        await loginTenantUser(c.var.deps.database, c.var.deps.config.jwtKeys, c.var.tenant, email, password),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      ...access.signedIn,
      method: 'get',
      path: '/me',
      operationId: 'getMe',
      tags: ['auth'],
      summary: 'The logged-in user of this marketplace',
      responses: { 200: json(Me, 'The user'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const user = await getTenantUser(c.var.deps.database, c.var.tenant, c.var.user.sub);
      if (!user) throw new AppError('unauthenticated', 'This account no longer exists');
      return c.json(user, 200);
    },
  )
  .openapi(
    createRoute({
      ...access.signedIn,
      method: 'post',
      path: '/auth/email-verification',
      operationId: 'requestEmailVerification',
      tags: ['auth'],
      summary: 'Send the signed-in user a new link to confirm their email address',
      description:
        'For a first link that expired (24 h) or got lost. Buyers must confirm their address before ' +
        'placing orders. Already verified: nothing is sent (`alreadyVerified: true`). At most one ' +
        'link a minute (429 `rate_limited`).',
      responses: {
        200: json(EmailVerificationSent, 'Sent, or nothing to confirm'),
        ...errorResponses(401, 429),
      },
    }),
    async (c) =>
      c.json(await requestEmailVerification(c.var.deps.database, c.var.tenant, c.var.user.sub), 200),
  );
