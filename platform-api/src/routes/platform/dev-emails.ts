import { StoredEmail } from '@agora/contracts';
import { listEmails } from '@agora/core';
import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { AppEnv } from '../../context.js';
import { createApi, errorResponses, json } from '../../openapi.js';

const EmailsQuery = z.object({
  to: z.string().trim().email('must be an email address').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * The dev mailbox as JSON: emails the platform recorded, newest first. Mounted only outside
 * production (see app.ts); no authentication, so never expose it anywhere real mail flows.
 */
export const platformDevEmails = createApi<AppEnv>().openapi(
  createRoute({
    ...access.public,
    method: 'get',
    path: '/dev/emails',
    operationId: 'listDevEmails',
    tags: ['development'],
    summary: 'Dev mailbox: recorded emails, newest first (development and test only)',
    request: { query: EmailsQuery },
    responses: { 200: json(z.object({ data: z.array(StoredEmail) }), 'Emails'), ...errorResponses(400) },
  }),
  async (c) => c.json({ data: await listEmails(c.var.deps.database, c.req.valid('query')) }, 200),
);
