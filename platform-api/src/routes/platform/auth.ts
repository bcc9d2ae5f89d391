import { AppError, LoginBody, Session, Staff } from '@agora/contracts';
import { getStaff, loginStaff } from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { AppEnv } from '../../context.js';
import {
  LOGIN_429_DOC,
  LOGIN_LIMITS_DOC,
  loginLimits,
  rateLimitedResponse,
} from '../../middleware/rate-limit.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';

export const platformAuth = createApi<AppEnv>()
  .openapi(
    createRoute({
      ...access.public,
      method: 'post',
      path: '/auth/login',
      operationId: 'staffLogin',
      tags: ['auth'],
      summary: 'Log in as platform staff',
      description: LOGIN_LIMITS_DOC,
      middleware: [...loginLimits] as const,
      request: { body: jsonBody(LoginBody) },
      responses: {
        200: json(Session, 'A platform access token (valid on the platform host only)'),
        ...errorResponses(400, 401),
        ...rateLimitedResponse(LOGIN_429_DOC),
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const { token } = await loginStaff(c.var.deps.database, c.var.deps.config.jwtKeys, email, password);
      return c.json({ token }, 200);
    },
  )
  .openapi(
    createRoute({
      ...access.staff,
      method: 'get',
      path: '/me',
      operationId: 'getStaffMe',
      tags: ['auth'],
      summary: 'The logged-in staff member',
      responses: { 200: json(Staff, 'Staff member'), ...errorResponses(401) },
    }),
    async (c) => {
      const staff = await getStaff(c.var.deps.database, c.var.staff.sub);
      if (!staff) throw new AppError('unauthenticated', 'This account no longer exists');
      return c.json(staff, 200);
    },
  );
