import {
  CommissionExplainQuery,
  CommissionExplanation,
  CommissionPreview,
  CommissionPreviewBody,
  CommissionRule,
  CommissionRuleBody,
  CommissionRuleList,
  CommissionRuleListQuery,
  CommissionRuleVersions,
  CommissionSimulateBody,
  CommissionSimulation,
} from '@agora/contracts';
import {
  createCommissionRule,
  explainCommission,
  getCommissionRule,
  listCommissionRules,
  listCommissionRuleVersions,
  previewCommission,
  SIMULATE_DEFAULT_DAYS,
  setCommissionRuleEnabled,
  simulateCommission,
  updateCommissionRule,
} from '@agora/core';
import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';

const tags = ['commission'];
const IdParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'cmr_3k9m2q7w1z3x5c9v' }),
});

/** Commission rules (operators only; ADR 0037): rules, versions, preview, explain, simulate. */
export const tenantCommission = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/operator/commission/rules',
      operationId: 'listCommissionRules',
      tags,
      summary: 'Commission rules as they are now (current versions)',
      description:
        'Most recently changed first, keyset-paginated. Filters: `scope`, `enabled`, `vendorId`, and ' +
        '`categoryId` (rules on that category or a category above it: the ones that can apply to its products).',
      request: { query: CommissionRuleListQuery },
      responses: { 200: json(CommissionRuleList, 'A page of rules'), ...errorResponses(400, 401, 403) },
    }),
    async (c) =>
      c.json(await listCommissionRules(c.var.deps.database, c.var.tenant, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/operator/commission/rules',
      operationId: 'createCommissionRule',
      tags,
      summary: 'Add a commission rule',
      description:
        'Scope `marketplace` | `vendor` (`vendorId`) | `category` (`categoryId`, covers its subcategories) | ' +
        '`vendor_category` | `product` (`productId`); kind `percent` (`rateBps` of the line net) | ' +
        '`flat_per_unit` | `flat_per_line` (`amounts` per currency); optional `minAmounts`/`maxAmounts` per ' +
        'line per currency, `validFrom`/`validTo`, `priority`, `vendorGmv30dMinMinor`. Every problem is a field error.',
      request: { body: jsonBody(CommissionRuleBody) },
      responses: { 201: json(CommissionRule, 'Created (version 1)'), ...errorResponses(400, 401, 403) },
    }),
    async (c) =>
      c.json(
        await createCommissionRule(c.var.deps.database, c.var.tenant, c.var.user.sub, c.req.valid('json')),
        201,
      ),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/operator/commission/rules/{id}',
      operationId: 'getCommissionRule',
      tags,
      summary: 'One rule, its current version',
      request: { params: IdParam },
      responses: { 200: json(CommissionRule, 'The rule'), ...errorResponses(401, 403, 404) },
    }),
    async (c) =>
      c.json(await getCommissionRule(c.var.deps.database, c.var.tenant, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'put',
      path: '/operator/commission/rules/{id}',
      operationId: 'updateCommissionRule',
      tags,
      summary: 'Edit a rule: a new version',
      description:
        'Placed orders keep the version that applied to them. Sending the current version again changes ' +
        'nothing (a retry is safe). The marketplace default keeps its scope, stays enabled and has no dates or condition.',
      request: { params: IdParam, body: jsonBody(CommissionRuleBody) },
      responses: {
        200: json(CommissionRule, 'The new current version'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) =>
      c.json(
        await updateCommissionRule(
          c.var.deps.database,
          c.var.tenant,
          c.var.user.sub,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/operator/commission/rules/{id}/disable',
      operationId: 'disableCommissionRule',
      tags,
      summary: 'Disable (delete) a rule: a new version; idempotent',
      description: 'The marketplace default cannot be disabled (409 `invalid_state`).',
      request: { params: IdParam },
      responses: { 200: json(CommissionRule, 'The rule'), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await setCommissionRuleEnabled(
          c.var.deps.database,
          c.var.tenant,
          c.var.user.sub,
          c.req.valid('param').id,
          false,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/operator/commission/rules/{id}/enable',
      operationId: 'enableCommissionRule',
      tags,
      summary: 'Enable a rule: a new version; idempotent',
      request: { params: IdParam },
      responses: { 200: json(CommissionRule, 'The rule'), ...errorResponses(401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await setCommissionRuleEnabled(
          c.var.deps.database,
          c.var.tenant,
          c.var.user.sub,
          c.req.valid('param').id,
          true,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/operator/commission/rules/{id}/versions',
      operationId: 'listCommissionRuleVersions',
      tags,
      summary: 'Every version of a rule, newest first',
      request: { params: IdParam },
      responses: { 200: json(CommissionRuleVersions, 'The versions'), ...errorResponses(401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await listCommissionRuleVersions(c.var.deps.database, c.var.tenant, c.req.valid('param').id),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/operator/commission/explain',
      operationId: 'explainCommission',
      tags,
      summary: 'Every rule for a product at a quantity, and why each won, lost or did not apply',
      description: 'Priced as a checkout now; a quantity the product cannot be ordered in is a 400 on `qty`.',
      request: { query: CommissionExplainQuery },
      responses: { 200: json(CommissionExplanation, 'The explanation'), ...errorResponses(400, 401, 403) },
    }),
    async (c) =>
      c.json(await explainCommission(c.var.deps.database, c.var.tenant, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/operator/commission/preview',
      operationId: 'previewCommission',
      tags,
      summary: 'The commission on a product at a quantity, with a draft rule if given (changes nothing)',
      request: { body: jsonBody(CommissionPreviewBody) },
      responses: { 200: json(CommissionPreview, 'The preview'), ...errorResponses(400, 401, 403) },
    }),
    async (c) => c.json(await previewCommission(c.var.deps.database, c.var.tenant, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/operator/commission/simulate',
      operationId: 'simulateCommission',
      tags,
      summary: 'Run a draft of rule changes over past orders (changes nothing)',
      description:
        `Orders placed in \`[from, to)\` (default the last ${SIMULATE_DEFAULT_DAYS} days), cancelled and rejected ` +
        'ones left out: commission per vendor and in total (per currency) under the rules now (`before`), with the ' +
        'draft (`after`), the difference, and what was frozen on those orders (`charged`).',
      request: { body: jsonBody(CommissionSimulateBody) },
      responses: { 200: json(CommissionSimulation, 'The simulation'), ...errorResponses(400, 401, 403) },
    }),
    async (c) =>
      c.json(await simulateCommission(c.var.deps.database, c.var.tenant, c.req.valid('json')), 200),
  );
