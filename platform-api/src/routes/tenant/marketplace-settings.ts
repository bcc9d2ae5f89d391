import { MarketplaceSettings, MarketplaceSettingsBody } from '@agora/contracts';
import { loadMarketplaceSettings, updateMarketplaceSettings } from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';
import { changesPublic } from '../../public-cache.js';

/** Marketplace rules: automatic vendor approval, product moderation (owner and operators). */
export const tenantMarketplaceSettings = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/settings/marketplace',
      operationId: 'getMarketplaceSettings',
      tags: ['settings'],
      summary: 'Marketplace rules',
      description:
        '`autoApproveVendors`: new vendor applications are approved (and marked verified) at once. ' +
        '`moderateProducts`: published products wait for the operator. Both default to false. ' +
        '`approveBuyers`: `auto` approves buyer companies at sign-up, `operator` (default) waits ' +
        'for the buyer queue. `pricesVisibleTo`: `everyone` (default) or `approved_buyers` (prices ' +
        'and tiers hidden from everyone else in every public answer; ADR 0034).',
      responses: { 200: json(MarketplaceSettings, 'The rules'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(await loadMarketplaceSettings(c.var.deps.database, c.var.tenant), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      // The rules are cached for the public catalog routes (who sees prices).
      ...changesPublic(...access.operator.middleware),
      method: 'put',
      path: '/settings/marketplace',
      operationId: 'updateMarketplaceSettings',
      tags: ['settings'],
      summary: 'Change the marketplace rules',
      description:
        'The vendor rules are required; the buyer rules, left out, stay as they are. A change is recorded in the tenant audit log.',
      request: { body: jsonBody(MarketplaceSettingsBody) },
      responses: {
        200: json(MarketplaceSettings, 'The rules as saved'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) =>
      c.json(
        await updateMarketplaceSettings(
          c.var.deps.database,
          c.var.tenant,
          c.var.user.sub,
          c.req.valid('json'),
        ),
        200,
      ),
  );
