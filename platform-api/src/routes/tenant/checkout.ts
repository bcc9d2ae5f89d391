import {
  CheckoutGroup,
  CheckoutGroupPage,
  CheckoutListQuery,
  CheckoutPreview,
  CheckoutPreviewQuery,
  CheckoutResult,
  DeclineCheckoutBody,
  IdempotencyKey,
  PlaceCheckoutBody,
} from '@agora/contracts';
import {
  decideCheckoutApproval,
  getCheckout,
  listApprovals,
  listMyCheckouts,
  placeCheckout,
  previewCheckout,
} from '@agora/core';
import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { BuyerEnv } from '../../context.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';

const buyer = { tags: ['checkout'], ...access.buyer };
const approver = { tags: ['checkout'], ...access.buyerApprover };
const idParam = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/**
 * Checkout and spending-limit approvals (ADR 0033, 0035): a buyer previews and places the
 * cart in one currency; over their limit the checkout waits for an approver of the company.
 */
export const tenantCheckout = createApi<BuyerEnv>()
  .openapi(
    createRoute({
      ...buyer,
      method: 'get',
      path: '/checkout/preview',
      operationId: 'previewCheckout',
      summary: 'What checking out the cart in one currency would place',
      description:
        'Per vendor: the lines at their tier with tax per line, shipping by the vendor’s rate, totals; the company’s payment terms, credit limit and shipping addresses. Lines that cannot be ordered are in `problems` (then there are no totals). Send `totalMinor` as `expectedTotalMinor` when placing.',
      request: { query: CheckoutPreviewQuery },
      responses: { 200: json(CheckoutPreview, 'The preview') },
    }),
    async (c) =>
      c.json(
        await previewCheckout(
          c.var.deps.database,
          c.var.tenant,
          { userId: c.var.user.sub, companyId: c.var.companyId },
          c.req.valid('query'),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...buyer,
      method: 'post',
      path: '/checkouts',
      operationId: 'placeCheckout',
      summary: 'Place the cart’s lines in one currency: one order per vendor, all or nothing',
      description:
        'Requires an `Idempotency-Key` header: a retry with the same key returns the first call’s group and places nothing new (`replayed: true`, 200). Placed lines leave the cart in the same transaction. Over the member’s spending limit the result is `awaiting_approval` (no orders yet; the company’s approvers are asked). 409 `out_of_stock` (`details.lines`: available and wanted), `credit_limit_exceeded` (`details`: limit, open, available, this order), `cart_changed` (a line cannot be ordered, or the total differs from `expectedTotalMinor`).',
      request: {
        headers: z.object({ 'idempotency-key': IdempotencyKey }),
        body: jsonBody(PlaceCheckoutBody),
      },
      responses: {
        201: json(CheckoutResult, 'Placed, or waiting for approval'),
        200: json(CheckoutResult, 'A retry: the group the first call with this key made'),
        ...errorResponses(409),
      },
    }),
    async (c) => {
      const result = await placeCheckout(c.var.deps.database, c.var.tenant, {
        buyerUserId: c.var.user.sub,
        idempotencyKey: c.req.valid('header')['idempotency-key'],
        body: c.req.valid('json'),
      });
      return result.replayed ? c.json(result, 200) : c.json(result, 201);
    },
  )
  .openapi(
    createRoute({
      ...buyer,
      method: 'get',
      path: '/checkouts',
      operationId: 'listMyCheckouts',
      summary: 'The member’s own checkouts, newest first (placed, waiting for approval, declined)',
      description: 'Keyset pagination: pass `nextCursor` as `cursor`. `limit` 1-100, default 20.',
      request: { query: CheckoutListQuery },
      responses: { 200: json(CheckoutGroupPage, 'One page') },
    }),
    async (c) =>
      c.json(
        await listMyCheckouts(
          c.var.deps.database,
          c.var.tenant,
          { userId: c.var.user.sub },
          c.req.valid('query'),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...buyer,
      method: 'get',
      path: '/checkouts/{id}',
      operationId: 'getCheckout',
      summary: 'One checkout with its lines and orders',
      description:
        'Its member sees it, and so do the company’s approvers and admins; another member’s or another company’s checkout is a 404.',
      request: { params: idParam },
      responses: { 200: json(CheckoutGroup, 'The checkout') },
    }),
    async (c) =>
      c.json(
        await getCheckout(
          c.var.deps.database,
          c.var.tenant,
          { userId: c.var.user.sub, companyId: c.var.companyId, role: c.var.user.role ?? '' },
          c.req.valid('param').id,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...approver,
      method: 'get',
      path: '/approvals',
      operationId: 'listApprovals',
      summary: 'The company’s checkouts waiting for approval (or `status`), newest first',
      description: 'Keyset pagination: pass `nextCursor` as `cursor`. `limit` 1-100, default 20.',
      request: { query: CheckoutListQuery },
      responses: { 200: json(CheckoutGroupPage, 'One page') },
    }),
    async (c) =>
      c.json(
        await listApprovals(
          c.var.deps.database,
          c.var.tenant,
          { companyId: c.var.companyId },
          c.req.valid('query'),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...approver,
      method: 'post',
      path: '/approvals/{id}/approve',
      operationId: 'approveCheckout',
      summary: 'Approve a waiting checkout: it is placed now, prices, stock and credit checked again',
      description:
        'Approving twice returns the placed group; approving a declined one is a 409 `invalid_state`. The same 409s as placing (`out_of_stock`, `credit_limit_exceeded`, `cart_changed`).',
      request: { params: idParam },
      responses: { 200: json(CheckoutResult, 'Placed'), ...errorResponses(409) },
    }),
    async (c) =>
      c.json(
        await decideCheckoutApproval(c.var.deps.database, c.var.tenant, {
          approverUserId: c.var.user.sub,
          groupId: c.req.valid('param').id,
          approve: true,
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...approver,
      method: 'post',
      path: '/approvals/{id}/decline',
      operationId: 'declineCheckout',
      summary: 'Decline a waiting checkout with a reason (the member is told; nothing is kept)',
      request: { params: idParam, body: jsonBody(DeclineCheckoutBody) },
      responses: { 200: json(CheckoutResult, 'Declined'), ...errorResponses(409) },
    }),
    async (c) =>
      c.json(
        await decideCheckoutApproval(c.var.deps.database, c.var.tenant, {
          approverUserId: c.var.user.sub,
          groupId: c.req.valid('param').id,
          approve: false,
          reason: c.req.valid('json').reason,
        }),
        200,
      ),
  );
