import {
  AddTrackingEventBody,
  InvoiceDocument,
  OrderDetail,
  OrderExportQuery,
  OrderListQuery,
  OrderPage,
  OrderReasonBody,
  ShipOrderBody,
} from '@agora/contracts';
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
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';
import {
  csvContent,
  csvHeaders,
  OrderIdParam,
  pdfContent,
  pdfHeaders,
  ShipmentParams,
  textStream,
} from './order-schemas.js';
import { optionalParams } from './query-params.js';

const tags = ['orders: vendor'];
const scope = (c: Context<VendorEnv>): OrderScope => ({
  actor: 'vendor',
  userId: c.var.user.sub,
  vendorId: c.var.vendorId,
});
const moved = {
  200: json(OrderDetail, 'The order after the change'),
  ...errorResponses(400, 401, 403, 404, 409),
};
const MOVE_DOC =
  'Allowed moves are data (`ORDER_TRANSITIONS` in contracts; `actions` on the order lists the ' +
  'caller’s). A move the order’s status does not allow is 409 `invalid_state`. The change, an ' +
  'audit row and an `order.<status>` outbox event are one transaction.';

const move = (path: string, operationId: string, summary: string) =>
  createRoute({
    ...access.vendor,
    method: 'post',
    path: `/vendor/orders/{id}/${path}`,
    operationId,
    tags,
    summary,
    description: MOVE_DOC,
    request: { params: OrderIdParam },
    responses: moved,
  });
const moveWithReason = (path: string, operationId: string, summary: string) =>
  createRoute({
    ...access.vendor,
    method: 'post',
    path: `/vendor/orders/{id}/${path}`,
    operationId,
    tags,
    summary,
    description: MOVE_DOC,
    request: { params: OrderIdParam, body: jsonBody(OrderReasonBody) },
    responses: moved,
  });

/** A vendor's orders (vendor admins and staff): their own vendor's only; others' ids are 404. */
export const tenantVendorOrders = createApi<VendorEnv>()
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'get',
      path: '/vendor/orders/export.csv',
      operationId: 'exportVendorOrdersCsv',
      tags,
      summary: 'Your orders as CSV (the list’s filters, every match, streamed)',
      request: { query: optionalParams(OrderExportQuery) },
      responses: {
        200: { description: 'The CSV file', content: csvContent },
        ...errorResponses(400, 401, 403),
      },
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
      method: 'get',
      path: '/vendor/orders',
      operationId: 'listVendorOrders',
      tags,
      summary: 'Your orders, newest first',
      description:
        'Filters: `status`, `from`/`to` (placement date; a date `to` includes that day, UTC), `q` ' +
        '(order id or PO number), `companyId`. Keyset pagination: pass `nextCursor` as `cursor`.',
      request: { query: optionalParams(OrderListQuery) },
      responses: { 200: json(OrderPage, 'One page'), ...errorResponses(400, 401, 403) },
    }),
    async (c) =>
      c.json(await listOrders(c.var.deps.database, c.var.tenant, scope(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'get',
      path: '/vendor/orders/{id}',
      operationId: 'getVendorOrder',
      tags,
      summary: 'One order: lines, shipments with tracking, timeline, invoice, allowed moves',
      request: { params: OrderIdParam },
      responses: { 200: json(OrderDetail, 'The order'), ...errorResponses(401, 403, 404) },
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
      method: 'get',
      path: '/vendor/orders/{id}/invoice',
      operationId: 'getVendorInvoice',
      tags,
      summary: 'The order’s invoice (issued at acceptance; 404 before)',
      request: { params: OrderIdParam },
      responses: { 200: json(InvoiceDocument, 'The invoice'), ...errorResponses(401, 403, 404) },
    }),
    async (c) =>
      c.json(await getInvoice(c.var.deps.database, c.var.tenant, scope(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'get',
      path: '/vendor/orders/{id}/invoice.pdf',
      operationId: 'getVendorInvoicePdf',
      tags,
      summary: 'The order’s invoice as a PDF',
      request: { params: OrderIdParam },
      responses: { 200: { description: 'The PDF', content: pdfContent }, ...errorResponses(401, 403, 404) },
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
