import {
  InvoiceDocument,
  OrderDetail,
  OrderExportQuery,
  OrderListQuery,
  OrderPage,
  OrderReasonBody,
  TRACKING_SIGNATURE_HEADER,
  TrackingWebhookSettings,
} from '@agora/contracts';
import {
  cancelOrder,
  completeOrder,
  exportOrdersCsv,
  getInvoice,
  getOrder,
  getTrackingWebhookSecret,
  listOrders,
  normalizeHost,
  type OrderScope,
  publicOrigin,
  renderInvoicePdf,
  rotateTrackingWebhookSecret,
} from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';
import { csvContent, csvHeaders, OrderIdParam, pdfContent, pdfHeaders, textStream } from './order-schemas.js';
import { optionalParams } from './query-params.js';

const tags = ['orders: operator'];
const scope = (c: Context<TenantEnv>): OrderScope => ({ actor: 'operator', userId: c.var.user.sub });
const moved = {
  200: json(OrderDetail, 'The order after the change'),
  ...errorResponses(400, 401, 403, 404, 409),
};

const webhookSettings = (c: Context<TenantEnv>, secret: string) => ({
  url: `${publicOrigin(c.var.deps.config, normalizeHost(c.req.header('host')) ?? '')}/api/v1/tracking/webhook`,
  secret,
  signatureHeader: TRACKING_SIGNATURE_HEADER,
});

/** Every order of the marketplace (owner and operators), and the tracking webhook's secret. */
export const tenantOperatorOrders = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/operator/orders/export.csv',
      operationId: 'exportOperatorOrdersCsv',
      tags,
      summary: 'Every order as CSV (the list’s filters, streamed)',
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
      ...access.operator,
      method: 'get',
      path: '/operator/orders',
      operationId: 'listOperatorOrders',
      tags,
      summary: 'Every order of the marketplace, newest first',
      description:
        'Filters: `status`, `from`/`to` (placement date), `vendorId`, `companyId`, `q` (order id ' +
        'or PO number). Keyset pagination: pass `nextCursor` as `cursor`.',
      request: { query: optionalParams(OrderListQuery) },
      responses: { 200: json(OrderPage, 'One page'), ...errorResponses(400, 401, 403) },
    }),
    async (c) =>
      c.json(await listOrders(c.var.deps.database, c.var.tenant, scope(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/operator/orders/{id}',
      operationId: 'getOperatorOrder',
      tags,
      summary: 'One order: lines, shipments with tracking, timeline, invoice, allowed moves',
      request: { params: OrderIdParam },
      responses: { 200: json(OrderDetail, 'The order'), ...errorResponses(401, 403, 404) },
    }),
    async (c) =>
      c.json(await getOrder(c.var.deps.database, c.var.tenant, scope(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/operator/orders/{id}/cancel',
      operationId: 'operatorCancelOrder',
      tags,
      summary: 'Cancel an order before it ships, with a reason (stock returned; the buyer is emailed)',
      request: { params: OrderIdParam, body: jsonBody(OrderReasonBody) },
      responses: moved,
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
      ...access.operator,
      method: 'post',
      path: '/operator/orders/{id}/complete',
      operationId: 'operatorCompleteOrder',
      tags,
      summary: 'Mark a delivered order completed',
      request: { params: OrderIdParam },
      responses: moved,
    }),
    async (c) =>
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
      ...access.operator,
      method: 'get',
      path: '/operator/orders/{id}/invoice.pdf',
      operationId: 'getOperatorInvoicePdf',
      tags,
      summary: 'An order’s invoice as a PDF',
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
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/operator/orders/{id}/invoice',
      operationId: 'getOperatorInvoice',
      tags,
      summary: 'An order’s invoice',
      request: { params: OrderIdParam },
      responses: { 200: json(InvoiceDocument, 'The invoice'), ...errorResponses(401, 403, 404) },
    }),
    async (c) =>
      c.json(await getInvoice(c.var.deps.database, c.var.tenant, scope(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/settings/tracking-webhook',
      operationId: 'trackingWebhookSettings',
      tags,
      summary: 'The tracking webhook: its address, signature header and secret (made on first view)',
      responses: { 200: json(TrackingWebhookSettings, 'The webhook'), ...errorResponses(401, 403) },
    }),
    async (c) =>
      c.json(webhookSettings(c, await getTrackingWebhookSecret(c.var.deps.database, c.var.tenant)), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/settings/tracking-webhook/rotate',
      operationId: 'rotateTrackingWebhookSecret',
      tags,
      summary: 'A new tracking webhook secret: posts signed with the old one are refused from now on',
      responses: { 200: json(TrackingWebhookSettings, 'The webhook'), ...errorResponses(401, 403) },
    }),
    async (c) =>
      c.json(
        webhookSettings(
          c,
          await rotateTrackingWebhookSecret(c.var.deps.database, c.var.tenant, c.var.user.sub),
        ),
        200,
      ),
  );
