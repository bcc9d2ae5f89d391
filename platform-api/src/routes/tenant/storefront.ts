import { AppError, FONTS, Footer, LoginBody } from '@agora/contracts';
import { getStorefront, getTenantUser, loginTenantUser } from '@agora/core';
import { createRoute, z } from '@hono/zod-openapi';
import type { TenantEnv } from '../../context.js';
import { requireTenantUser } from '../../middleware/auth.js';
import {
  LOGIN_429_DOC,
  LOGIN_LIMITS_DOC,
  loginLimits,
  rateLimitedResponse,
} from '../../middleware/rate-limit.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';

const Storefront = z
  .object({
    name: z.string(),
    tagline: z.string(),
    theme: z.object({
      primaryColor: z.string().openapi({ example: '#1f4f8b' }),
      accentColor: z.string(),
      font: z.enum(FONTS),
      logoUrl: z.string().nullable(),
    }),
    footer: Footer,
  })
  .openapi('Storefront');

const Token = z.object({ token: z.string() }).openapi('TenantToken');
const Me = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    status: z.string(),
    vendorId: z.string().nullable().openapi({ description: 'The vendor of a vendor admin or staff user' }),
    emailVerified: z.boolean(),
  })
  .openapi('TenantUser');

export const tenantStorefront = createApi<TenantEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/storefront',
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
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags: ['auth'],
      summary: 'Log in to this marketplace',
      description: LOGIN_LIMITS_DOC,
      middleware: [...loginLimits] as const,
      request: { body: jsonBody(LoginBody) },
      responses: {
        200: json(Token, "A token valid on this marketplace's hosts only"),
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
      method: 'get',
      path: '/me',
      tags: ['auth'],
      summary: 'The logged-in user of this marketplace',
      security: [{ bearer: [] }],
      middleware: [requireTenantUser] as const,
      responses: { 200: json(Me, 'The user'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const user = await getTenantUser(c.var.deps.database, c.var.tenant, c.var.user.sub);
      if (!user) throw new AppError('unauthenticated', 'This account no longer exists');
      return c.json(user, 200);
    },
  );
