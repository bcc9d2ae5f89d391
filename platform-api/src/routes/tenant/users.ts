import { AppError, User } from '@agora/contracts';
import { getTenantUser } from '@agora/core';
import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { requireOperator } from '../../middleware/roles.js';
import { createApi, errorResponses, json } from '../../openapi.js';

// Moved to middleware/roles.ts; re-exported for existing importers.
export { requireOperator };

export const tenantUsers = createApi<TenantEnv>().openapi(
  createRoute({
    ...access.operator,
    method: 'get',
    path: '/users/{id}',
    operationId: 'getUser',
    tags: ['users'],
    summary: 'A user of this marketplace (operators only)',
    request: { params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }) },
    responses: { 200: json(User, 'The user'), ...errorResponses(401, 403, 404) },
  }),
  async (c) => {
    const user = await getTenantUser(c.var.deps.database, c.var.tenant, c.req.valid('param').id);
    if (!user) throw new AppError('not_found', 'No such user in this marketplace');
    return c.json(user, 200);
  },
);
