import { TRACKING_SIGNATURE_HEADER, TrackingWebhookSettings } from '@agora/contracts';
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
import { createApi, errorResponses, json } from '../../openapi.js';
import { orderRoutes } from './order-routes.js';
import { csvHeaders, pdfHeaders, textStream } from './order-schemas.js';

const tags = ['orders: operator'];
const scope = (c: Context<TenantEnv>): OrderScope => ({ actor: 'operator', userId: c.var.user.sub });
const routes = orderRoutes({ tags, base: '/operator/orders' });

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
      ...routes.exportCsv({
        operationId: 'exportOperatorOrdersCsv',
        summary: 'Every order as CSV (the list’s filters, streamed)',
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
      ...access.operator,
      ...routes.list({
        operationId: 'listOperatorOrders',
        summary: 'Every order of the marketplace, newest first',
        description:
          'Filters: `status`, `from`/`to` (placement date), `vendorId`, `companyId`, `q` (order id ' +
          'or PO number). Keyset pagination: pass `nextCursor` as `cursor`.',
      }),
    }),
    async (c) =>
      c.json(await listOrders(c.var.deps.database, c.var.tenant, scope(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      ...routes.get({
        operationId: 'getOperatorOrder',
        summary: 'One order: lines, shipments with tracking, timeline, invoice, allowed moves',
      }),
    }),
    async (c) =>
      c.json(await getOrder(c.var.deps.database, c.var.tenant, scope(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      ...routes.moveWithReason('cancel', {
        operationId: 'operatorCancelOrder',
        summary: 'Cancel an order before it ships, with a reason (stock returned; the buyer is emailed)',
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
      ...access.operator,
      ...routes.move('complete', {
        operationId: 'operatorCompleteOrder',
        summary: 'Mark a delivered order completed',
      }),
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
      ...routes.invoicePdf({ operationId: 'getOperatorInvoicePdf', summary: 'An order’s invoice as a PDF' }),
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
      ...routes.invoice({ operationId: 'getOperatorInvoice', summary: 'An order’s invoice' }),
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
