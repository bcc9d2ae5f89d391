import {
  AcceptInviteBody,
  PasswordResetBody,
  PasswordResetConfirmBody,
  PasswordResetRequested,
  Session,
} from '@agora/contracts';
import { acceptInvite, requestPasswordReset, resetPassword } from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { passwordResetLimits, rateLimitedResponse } from '../../middleware/rate-limit.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';

const TOKEN_DOC = 'The `token` query parameter of the emailed link.';

/** Emailed one-time links: accepting an invitation, resetting a forgotten password. */
export const tenantAuth = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...access.public,
      method: 'post',
      path: '/auth/accept-invite',
      operationId: 'acceptInvite',
      tags: ['auth'],
      summary: 'Accept an invitation: set a password and log in',
      description: `${TOKEN_DOC} The link (\`/console/accept-invite?token=...\`) is valid for 7 days and works once. An invalid, expired or used token is a 400 \`invalid_token\`.`,
      request: {
        body: jsonBody(AcceptInviteBody),
      },
      responses: {
        200: json(Session, 'The account is active; a session token for it'),
        ...errorResponses(400, 403, 404),
      },
    }),
    async (c) => c.json(await acceptInvite(c.var.deps, c.var.tenant, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      ...access.public,
      method: 'post',
      path: '/auth/password-reset',
      operationId: 'requestPasswordReset',
      tags: ['auth'],
      summary: 'Ask for a password reset email',
      description:
        'Always 202, whether or not the email belongs to an account, so the answer reveals nothing. An active user gets an email with a link (`/console/reset-password?token=...`) valid for 1 hour. Limited per client address and per email, whether or not it has an account (429 `rate_limited` with `Retry-After`).',
      middleware: [...passwordResetLimits] as const,
      request: { body: jsonBody(PasswordResetBody) },
      responses: {
        202: json(PasswordResetRequested, 'Accepted'),
        ...errorResponses(400, 403, 404),
        ...rateLimitedResponse(
          'Too many reset requests from this address or for this email: `rate_limited`; nothing is sent. Wait `Retry-After` seconds',
        ),
      },
    }),
    async (c) => {
      await requestPasswordReset(c.var.deps.database, c.var.tenant, c.req.valid('json').email);
      return c.json(
        { message: 'If an account exists for this email, a link to reset its password is on its way.' },
        202,
      );
    },
  )
  .openapi(
    createRoute({
      ...access.public,
      method: 'post',
      path: '/auth/password-reset/confirm',
      operationId: 'confirmPasswordReset',
      tags: ['auth'],
      summary: 'Set a new password with a reset link, and log in',
      description: `${TOKEN_DOC} Works once, within the hour; an invalid, expired or used token is a 400 \`invalid_token\`.`,
      request: { body: jsonBody(PasswordResetConfirmBody) },
      responses: {
        200: json(Session, 'The new password is set; a session token'),
        ...errorResponses(400, 403, 404),
      },
    }),
    async (c) => c.json(await resetPassword(c.var.deps, c.var.tenant, c.req.valid('json')), 200),
  );
