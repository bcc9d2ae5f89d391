import {
  OperatorProduct,
  OperatorProductListQuery,
  OperatorProductPage,
  RejectProductBody,
} from '@agora/contracts';
import { getOperatorProduct, listOperatorProducts, moderateProduct } from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';
import { IdParam } from './catalog-schemas.js';
import { optionalParams } from './query-params.js';

const tags = ['catalog: operator'];

/** Operators: every vendor's products, and the moderation queue (approve / reject). */
export const tenantCatalogModeration = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/operator/products',
      operationId: 'listOperatorProducts',
      tags,
      summary: "All vendors' products; `status=pending_review` is the review queue",
      description:
        'The review queue is oldest first (nothing waits forever); other lists are most recently ' +
        'changed first. Filter by `vendorId` and `q` (part of the title or SKU). Keyset-paginated.',
      request: {
        query: optionalParams(OperatorProductListQuery),
      },
      responses: { 200: json(OperatorProductPage, 'A page of products'), ...errorResponses(400, 401, 403) },
    }),
    async (c) =>
      c.json(await listOperatorProducts(c.var.deps.database, c.var.tenant, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/operator/products/{id}',
      operationId: 'getOperatorProduct',
      tags,
      summary: 'Any product, whatever its status, with its vendor (for review)',
      request: { params: IdParam },
      responses: { 200: json(OperatorProduct, 'The product'), ...errorResponses(401, 403, 404) },
    }),
    async (c) =>
      c.json(await getOperatorProduct(c.var.deps.database, c.var.tenant, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/operator/products/{id}/approve',
      operationId: 'approveProduct',
      tags,
      summary: 'Approve a product waiting for review: it is published',
      description: 'Only `pending_review` products of approved vendors (else 409 `invalid_state`).',
      request: { params: IdParam },
      responses: {
        200: json(OperatorProduct, 'The published product'),
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { database } = c.var.deps;
      const id = c.req.valid('param').id;
      await moderateProduct(database, c.var.tenant, c.var.user.sub, id, { decision: 'approve' });
      return c.json(await getOperatorProduct(database, c.var.tenant, id), 200);
    },
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/operator/products/{id}/reject',
      operationId: 'rejectProduct',
      tags,
      summary: 'Send a product waiting for review back to draft, with a reason',
      description:
        'The vendor sees the reason on the product (`statusReason`) until they publish again; it is kept ' +
        'in the audit log. Only `pending_review` products (else 409).',
      request: { params: IdParam, body: jsonBody(RejectProductBody) },
      responses: {
        200: json(OperatorProduct, 'The product, now a draft'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { database } = c.var.deps;
      const id = c.req.valid('param').id;
      await moderateProduct(database, c.var.tenant, c.var.user.sub, id, {
        decision: 'reject',
        reason: c.req.valid('json').reason,
      });
      return c.json(await getOperatorProduct(database, c.var.tenant, id), 200);
    },
  );
