import { AddTrackingEventBody, ShipOrderBody } from '@agora/contracts';
import {
  acceptOrder,
  addTrackingEvent,
  cancelOrder,
  completeOrder,
  exportOrdersCsv,
  getInvoice,
  getOrder,
  listOrders,
  markOrderDelivered,
  type OrderScope,
  rejectOrder,
  renderInvoicePdf,
  shipOrder,
} from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { access } from '../../access.js';
import type { VendorEnv } from '../../context.js';
import { createApi, jsonBody } from '../../openapi.js';
import { moved, orderRoutes } from './order-routes.js';
import { csvHeaders, OrderIdParam, pdfHeaders, ShipmentParams, textStream } from './order-schemas.js';

const tags = ['orders: vendor'];
const scope = (c: Context<VendorEnv>): OrderScope => ({
  actor: 'vendor',
  userId: c.var.user.sub,
  vendorId: c.var.vendorId,
});
const MOVE_DOC =
  'Allowed moves are data (`ORDER_TRANSITIONS` in contracts; `actions` on the order lists the ' +
  'caller’s). A move the order’s status does not allow is 409 `invalid_state`. The change, an ' +
  'audit row and an `order.<status>` outbox event are one transaction.';
const routes = orderRoutes({ tags, base: '/vendor/orders' });
const move = (action: string, operationId: string, summary: string) =>
  createRoute({ ...access.vendor, ...routes.move(action, { operationId, summary, description: MOVE_DOC }) });
const moveWithReason = (action: string, operationId: string, summary: string) =>
  createRoute({
    ...access.vendor,
    ...routes.moveWithReason(action, { operationId, summary, description: MOVE_DOC }),
  });

/** A vendor's orders (vendor admins and staff): their own vendor's only; others' ids are 404. */
export const tenantVendorOrders = createApi<VendorEnv>()
  .openapi(
    createRoute({
      ...access.vendor,
      ...routes.exportCsv({
        operationId: 'exportVendorOrdersCsv',
        summary: 'Your orders as CSV (the list’s filters, every match, streamed)',
      }),
    }),
    (c) =>
      c.body(
        textStream(exportOrdersCsv(c.var.deps.database, c.var.tenant, scope(c), c.req.valid('query'))),
        200,
        csvHeaders('orders.csv'),
      ),
  )
  .openapi(
    createRoute({
      ...access.vendor,
      ...routes.list({
        operationId: 'listVendorOrders',
        summary: 'Your orders, newest first',
        description:
          'Filters: `status`, `from`/`to` (placement date; a date `to` includes that day, UTC), `q` ' +
          '(order id or PO number), `companyId`. Keyset pagination: pass `nextCursor` as `cursor`.',
      }),
    }),
    async (c) =>
      c.json(await listOrders(c.var.deps.database, c.var.tenant, scope(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      ...access.vendor,
      ...routes.get({
        operationId: 'getVendorOrder',
        summary: 'One order: lines, shipments with tracking, timeline, invoice, allowed moves',
      }),
    }),
    async (c) =>
      c.json(await getOrder(c.var.deps.database, c.var.tenant, scope(c), c.req.valid('param').id), 200),
  )
  .openapi(move('accept', 'acceptOrder', 'Accept a placed order (issues the invoice)'), async (c) =>
    c.json(
      await acceptOrder(c.var.deps.database, c.var.tenant, {
        orderId: c.req.valid('param').id,
        scope: scope(c),
      }),
      200,
    ),
  )
  .openapi(
    moveWithReason('reject', 'rejectOrder', 'Reject a placed order, with a reason (stock returned)'),
    async (c) =>
      c.json(
        await rejectOrder(c.var.deps.database, c.var.tenant, {
          orderId: c.req.valid('param').id,
          scope: scope(c),
          reason: c.req.valid('json').reason,
        }),
        200,
      ),
  )
  .openapi(
    moveWithReason('cancel', 'vendorCancelOrder', 'Cancel an accepted order before it ships, with a reason'),
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
  .openapi(move('deliver', 'vendorMarkDelivered', 'Mark a fully shipped order delivered'), async (c) =>
    c.json(
      await markOrderDelivered(c.var.deps.database, c.var.tenant, {
        orderId: c.req.valid('param').id,
        scope: scope(c),
      }),
      200,
    ),
  )
  .openapi(move('complete', 'vendorCompleteOrder', 'Mark a delivered order completed'), async (c) =>
    c.json(
      await completeOrder(c.var.deps.database, c.var.tenant, {
        orderId: c.req.valid('param').id,
        scope: scope(c),
      }),
      200,
    ),
  )
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'post',
      path: '/vendor/orders/{id}/shipments',
      operationId: 'shipOrder',
      tags,
      summary: 'Ship some or all of an accepted order: lines and quantities, carrier, tracking number',
      description:
        `${MOVE_DOC} Each quantity must be at most what is left to ship of its line (400 naming ` +
        '`lines.<i>.qty` otherwise). The first shipment makes the order `shipped`; more may follow ' +
        'until every line has shipped (`fullyShipped`).',
      request: { params: OrderIdParam, body: jsonBody(ShipOrderBody) },
      responses: moved,
    }),
    async (c) =>
      c.json(
        await shipOrder(c.var.deps.database, c.var.tenant, {
          orderId: c.req.valid('param').id,
          scope: scope(c),
          body: c.req.valid('json'),
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'post',
      path: '/vendor/orders/{id}/shipments/{shipmentId}/events',
      operationId: 'addTrackingEvent',
      tags,
      summary: 'Add a tracking event to a shipment (time, status, location, note)',
      request: { params: ShipmentParams, body: jsonBody(AddTrackingEventBody) },
      responses: moved,
    }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(
        await addTrackingEvent(c.var.deps.database, c.var.tenant, {
          orderId: p.id,
          shipmentId: p.shipmentId,
          scope: scope(c),
          body: c.req.valid('json'),
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      ...access.vendor,
      ...routes.invoice({
        operationId: 'getVendorInvoice',
        summary: 'The order’s invoice (issued at acceptance; 404 before)',
      }),
    }),
    async (c) =>
      c.json(await getInvoice(c.var.deps.database, c.var.tenant, scope(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      ...access.vendor,
      ...routes.invoicePdf({ operationId: 'getVendorInvoicePdf', summary: 'The order’s invoice as a PDF' }),
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
