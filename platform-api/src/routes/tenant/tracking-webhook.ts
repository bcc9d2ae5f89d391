import { TRACKING_SIGNATURE_HEADER, TrackingWebhookBody, TrackingWebhookResult } from '@agora/contracts';
import { recordWebhookTrackingEvent, verifyTrackingWebhook } from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';

/**
 * The signature is checked over the exact bytes received, before the body is validated: an
 * unsigned post is a 401 whatever it holds. Reading the text first also caches it, so the
 * validator parses these same bytes.
 */
const signed = createMiddleware<TenantEnv>(async (c, next) => {
  await verifyTrackingWebhook(c.var.deps.database, c.var.tenant, {
    signature: c.req.header(TRACKING_SIGNATURE_HEADER),
    rawBody: await c.req.text(),
  });
  await next();
});

/** The marketplace's signed tracking webhook (ADR 0036). */
export const tenantTrackingWebhook = createApi<TenantEnv>().openapi(
  createRoute({
    ...access.public,
    middleware: [signed] as const,
    method: 'post',
    path: '/tracking/webhook',
    operationId: 'postTrackingEvent',
    tags: ['orders: tracking webhook'],
    summary: 'A carrier reports a shipment’s tracking event (HMAC-signed)',
    description:
      `Header \`${TRACKING_SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex>\` where the hex is ` +
      'HMAC-SHA256 over `<t>.<raw body>` with the marketplace’s secret (operators see and rotate ' +
      'it in settings). Refused: no or a wrong signature, or a timestamp more than 5 minutes off ' +
      '(401); an `eventId` received before (409); a tracking number no shipment has (404).',
    request: { body: jsonBody(TrackingWebhookBody) },
    responses: {
      201: json(TrackingWebhookResult, 'The event was recorded'),
      ...errorResponses(400, 401, 404, 409),
    },
  }),
  async (c) =>
    c.json(await recordWebhookTrackingEvent(c.var.deps.database, c.var.tenant, c.req.valid('json')), 201),
);
