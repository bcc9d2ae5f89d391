import { BuyAgainResult } from '@agora/contracts';
import {
  buyAgain,
  buyerScope,
  cancelOrder,
  getInvoice,
  getOrder,
  listOrders,
  markOrderDelivered,
  renderInvoicePdf,
} from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { access } from '../../access.js';
import type { BuyerEnv } from '../../context.js';
import { createApi, errorResponses, json } from '../../openapi.js';
import { orderRoutes } from './order-routes.js';
import { OrderIdParam, pdfHeaders } from './order-schemas.js';

const tags = ['orders: buyer'];
/** A buyer admin reaches every order of the company; members and approvers their own. */
const scope = (c: Context<BuyerEnv>) => buyerScope(c.var.user, c.var.companyId);
const routes = orderRoutes({ tags, base: '/orders' });

/** A buyer's orders: their own (a buyer admin: the company's); other orders are 404. */
export const tenantBuyerOrders = createApi<BuyerEnv>()
  .openapi(
    createRoute({
      ...access.buyer,
      ...routes.list({
        operationId: 'listBuyerOrders',
        summary: 'Your orders (a company admin: the company’s), newest first',
        description:
          'Filters: `status`, `from`/`to` (placement date), `q` (order id or PO number), ' +
          '`vendorId`. Keyset pagination: pass `nextCursor` as `cursor`.',
      }),
    }),
    async (c) =>
      c.json(await listOrders(c.var.deps.database, c.var.tenant, scope(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      ...access.buyer,
      ...routes.get({
        operationId: 'getBuyerOrder',
        summary: 'One order: lines, shipments with tracking, timeline, invoice, allowed moves',
      }),
    }),
    async (c) =>
      c.json(await getOrder(c.var.deps.database, c.var.tenant, scope(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      ...access.buyer,
      ...routes.moveWithReason('cancel', {
        operationId: 'buyerCancelOrder',
        summary: 'Cancel an order the vendor has not accepted yet, with a reason (stock returned)',
        description: '409 `invalid_state` once the vendor has accepted it: ask the vendor then.',
      }),
    }),
    async (c) =>
      c.json(
        await cancelOrder(c.var.deps.database, c.var.tenant, {
          orderId: c.req.valid('param').id,
          scope: scope(c),
          reason: c.req.valid('json').reason,
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.buyer,
      ...routes.move('confirm-receipt', {
        operationId: 'confirmOrderReceipt',
        summary: 'Confirm the goods arrived: a fully shipped order becomes delivered',
      }),
    }),
    async (c) =>
      c.json(
        await markOrderDelivered(c.var.deps.database, c.var.tenant, {
          orderId: c.req.valid('param').id,
          scope: scope(c),
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.buyer,
      method: 'post',
      path: '/orders/{id}/buy-again',
      operationId: 'buyAgain',
      tags,
      summary: 'Put the order’s lines into your cart again (quantities added to what is there)',
      description:
        'Unit prices are today’s volume tiers at the new quantities. Lines that cannot be ordered ' +
        'now are listed in `skipped` with the reason.',
      request: { params: OrderIdParam },
      responses: { 200: json(BuyAgainResult, 'What went into the cart'), ...errorResponses(401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await buyAgain(c.var.deps.database, c.var.tenant, {
          scope: scope(c),
          orderId: c.req.valid('param').id,
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.buyer,
      ...routes.invoice({
        operationId: 'getBuyerInvoice',
        summary: 'The order’s invoice (issued when the vendor accepts; 404 before)',
      }),
    }),
    async (c) =>
      c.json(await getInvoice(c.var.deps.database, c.var.tenant, scope(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      ...access.buyer,
      ...routes.invoicePdf({ operationId: 'getBuyerInvoicePdf', summary: 'The order’s invoice as a PDF' }),
    }),
    async (c) => {
      const invoice = await getInvoice(c.var.deps.database, c.var.tenant, scope(c), c.req.valid('param').id);
      return c.body(
        (await renderInvoicePdf(invoice)) as Uint8Array<ArrayBuffer>,
        200,
        pdfHeaders(invoice.number),
      );
    },
  );
