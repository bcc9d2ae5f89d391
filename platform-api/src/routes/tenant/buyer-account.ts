import { AppError, BuyerAccount } from '@agora/contracts';
import { getBuyerAccount } from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { createApi, errorResponses, json } from '../../openapi.js';

/** The signed-in buyer's own account (the storefront's session reads it on every signed-in page). */
export const buyerAccount = createApi<TenantEnv>().openapi(
  createRoute({
    ...access.buyer,
    method: 'get',
    path: '/account',
    operationId: 'getBuyerAccount',
    tags: ['buyers'],
    summary: 'The signed-in buyer and their company',
    responses: {
      200: json(BuyerAccount, 'The buyer and a summary of their company'),
      ...errorResponses(401, 403, 404),
    },
  }),
  async (c) => {
    const account = await getBuyerAccount(c.var.deps.database, c.var.tenant, c.var.user.sub);
    if (!account) throw new AppError('forbidden', 'Only buyers of a company may do this');
    return c.json(account, 200);
  },
);
