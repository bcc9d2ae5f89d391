import { listEmails, sendNotificationEmail, signTrackingPayload } from '@agora/core';
import { withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, host, type T } from './catalog-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';
import { placeOrder, setUpTrade, type Trade } from './order-helpers.js';

/**
 * Orders over HTTP: who reaches which order (vendor, buyer member, buyer admin, operator,
 * anonymous, another tenant), the lifecycle through the API, CSV and PDF, and the signed
 * tracking webhook with real HMAC.
 */
let h: ApiHarness;
let t: T;
let other: T;
let trade: Trade;
let otherTrade: Trade;
let orderA: string; // member's order from vendor A
let orderColleague: string; // colleague's order from vendor B
let orderElsewhere: string; // the other company's order from vendor A

beforeAll(async () => {
  h = await createApiHarness();
  t = await h.activeTenant('orders-api');
  other = await h.activeTenant('orders-other');
  trade = await setUpTrade(h, t, 'oa');
  otherTrade = await setUpTrade(h, other, 'ob');
  orderA = await placeOrder(h, t, trade.users.member, trade.address, 'prd_oa_a');
  orderColleague = await placeOrder(h, t, trade.users.colleague, trade.address, 'prd_oa_b', 100);
  orderElsewhere = await placeOrder(h, t, trade.users.otherCompany, trade.otherAddress, 'prd_oa_a');
}, 120_000);
afterAll(() => h?.close());

const get = (path: string, token?: string, tenant = t) => h.call(host(tenant), path, { token });
const post = (path: string, token: string | undefined, payload: unknown = {}) =>
  h.call(host(t), path, { method: 'POST', token, body: payload });

describe('who reaches which order', () => {
  it('a vendor sees only its own orders: another vendor’s order is 404, in the list and by id', async () => {
    expect((await get(`/api/v1/vendor/orders/${orderA}`, trade.tokens.vendorA)).status).toBe(200);
    expect((await get(`/api/v1/vendor/orders/${orderA}`, trade.tokens.vendorB)).status).toBe(404);
    expect((await post(`/api/v1/vendor/orders/${orderA}/accept`, trade.tokens.vendorB)).status).toBe(404);
    const list = await body(await get('/api/v1/vendor/orders', trade.tokens.vendorB));
    expect(list.data.map((o: { id: string }) => o.id)).toEqual([orderColleague]);
  });

  it('a buyer member sees its own orders, a buyer admin the company’s, never another company’s', async () => {
    const ids = async (token: string) =>
      (await body(await get('/api/v1/orders', token))).data.map((o: { id: string }) => o.id).sort();
    expect(await ids(trade.tokens.member)).toEqual([orderA]);
    expect(await ids(trade.tokens.admin)).toEqual([orderA, orderColleague].sort());
    expect(await ids(trade.tokens.otherCompany)).toEqual([orderElsewhere]);
    expect((await get(`/api/v1/orders/${orderColleague}`, trade.tokens.member)).status).toBe(404);
    expect((await get(`/api/v1/orders/${orderColleague}`, trade.tokens.admin)).status).toBe(200);
    expect((await get(`/api/v1/orders/${orderA}`, trade.tokens.otherCompany)).status).toBe(404);
    expect((await post(`/api/v1/orders/${orderA}/buy-again`, trade.tokens.otherCompany)).status).toBe(404);
  });

  it('the operator sees every order; vendors and buyers are refused the operator routes', async () => {
    const all = await body(await get('/api/v1/operator/orders?limit=100', trade.tokens.operator));
    expect(all.data.map((o: { id: string }) => o.id)).toEqual(
      expect.arrayContaining([orderA, orderColleague, orderElsewhere]),
    );
    expect((await get('/api/v1/operator/orders', trade.tokens.vendorA)).status).toBe(403);
    expect((await get('/api/v1/operator/orders', trade.tokens.admin)).status).toBe(403);
    expect((await get('/api/v1/vendor/orders', trade.tokens.member)).status).toBe(403);
    expect((await get('/api/v1/orders', trade.tokens.vendorA)).status).toBe(403);
  });

  it('anonymous callers get 401; another marketplace’s tokens get 401 here, its ids nothing', async () => {
    for (const path of [
      '/api/v1/vendor/orders',
      '/api/v1/orders',
      '/api/v1/operator/orders',
      `/api/v1/orders/${orderA}`,
    ])
      expect((await get(path)).status).toBe(401);
    expect((await get('/api/v1/operator/orders', otherTrade.tokens.operator)).status).toBe(401);
    expect((await get(`/api/v1/orders/${orderA}`, otherTrade.tokens.member)).status).toBe(401);
    // the other marketplace's own operator, on its own host, does not find this marketplace's order
    expect((await get(`/api/v1/operator/orders/${orderA}`, otherTrade.tokens.operator, other)).status).toBe(
      404,
    );
  });
});

describe('the lifecycle over HTTP', () => {
  it('accept, ship with tracking, webhook event, confirm receipt, invoice PDF, CSV exports', async () => {
    const id = await placeOrder(h, t, trade.users.member, trade.address, 'prd_oa_a', 3);
    const buyerView = await body(await get(`/api/v1/orders/${id}`, trade.tokens.member));
    expect(buyerView.actions).toEqual(['cancel']);
    const refused = await post(`/api/v1/orders/${id}/confirm-receipt`, trade.tokens.member);
    expect(refused.status).toBe(409);
    expect((await body(refused)).error.code).toBe('invalid_state');

    const accepted = await body(await post(`/api/v1/vendor/orders/${id}/accept`, trade.tokens.vendorA));
    expect(accepted.invoice.number).toMatch(/-\d{4}-00001$/);
    const bad = await post(`/api/v1/vendor/orders/${id}/shipments`, trade.tokens.vendorA, {
      carrier: 'DHL',
      trackingNumber: 'API-1',
      lines: [{ lineNo: 1, qty: 4 }],
    });
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.details.fields).toEqual([
      { path: 'lines.0.qty', message: 'must be at most 3 (what is left to ship)' },
    ]);
    const shipped = await body(
      await post(`/api/v1/vendor/orders/${id}/shipments`, trade.tokens.vendorA, {
        carrier: 'DHL',
        trackingNumber: 'API-1',
        lines: [{ lineNo: 1, qty: 3 }],
      }),
    );
    expect(shipped.status).toBe('shipped');
    const shipmentId = shipped.shipments[0].id;
    const tracked = await post(
      `/api/v1/vendor/orders/${id}/shipments/${shipmentId}/events`,
      trade.tokens.vendorA,
      {
        status: 'picked_up',
        location: 'Berlin',
      },
    );
    expect(tracked.status).toBe(200);

    // the signed webhook, with the secret the operator sees in settings
    const settings = await body(await get('/api/v1/settings/tracking-webhook', trade.tokens.operator));
    expect(settings.url).toMatch(new RegExp(`^http://${host(t)}(:\\d+)?/api/v1/tracking/webhook$`));
    expect((await get('/api/v1/settings/tracking-webhook', trade.tokens.vendorA)).status).toBe(403);
    const payload = JSON.stringify({
      eventId: 'api-evt-1',
      trackingNumber: 'API-1',
      status: 'in_transit',
      location: 'Leipzig',
    });
    const hook = (signature: string | undefined, raw = payload) =>
      h.call(host(t), '/api/v1/tracking/webhook', {
        method: 'POST',
        body: raw,
        headers: signature ? { 'x-agora-signature': signature } : {},
      });
    expect((await hook(undefined)).status).toBe(401);
    expect((await hook(undefined, '{not json')).status).toBe(401);
    expect((await hook(signTrackingPayload('whsec_guess', payload))).status).toBe(401);
    expect(
      (await hook(signTrackingPayload(settings.secret, payload, new Date(Date.now() - 301_000)))).status,
    ).toBe(401);
    const ok = await hook(signTrackingPayload(settings.secret, payload));
    expect(ok.status).toBe(201);
    expect((await body(ok)).shipmentId).toBe(shipmentId);
    const replay = await hook(signTrackingPayload(settings.secret, payload));
    expect(replay.status).toBe(409);
    const otherHost = await h.call(host(other), '/api/v1/tracking/webhook', {
      method: 'POST',
      body: payload,
      headers: { 'x-agora-signature': signTrackingPayload(settings.secret, payload) },
    });
    expect(otherHost.status).toBe(401); // another marketplace's secret: not this one's

    const timeline = (await body(await get(`/api/v1/orders/${id}`, trade.tokens.member))).timeline;
    expect(timeline.map((e: { status: string }) => e.status)).toEqual([
      'placed',
      'accepted',
      'shipped',
      'picked_up',
      'in_transit',
    ]);
    const delivered = await body(await post(`/api/v1/orders/${id}/confirm-receipt`, trade.tokens.member));
    expect(delivered.status).toBe('delivered');

    const pdf = await get(`/api/v1/orders/${id}/invoice.pdf`, trade.tokens.member);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    expect((await get(`/api/v1/orders/${id}/invoice.pdf`, trade.tokens.otherCompany)).status).toBe(404);

    const csv = await (
      await get('/api/v1/vendor/orders/export.csv?status=delivered', trade.tokens.vendorA)
    ).text();
    const rows = csv.trim().split('\n');
    expect(rows[0]).toMatch(/^order_id,placed_at,status,vendor,company/);
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual([id]);
    const all = await (await get('/api/v1/operator/orders/export.csv', trade.tokens.operator)).text();
    expect(all.trim().split('\n').length).toBeGreaterThanOrEqual(5);
    expect((await get('/api/v1/operator/orders/export.csv', trade.tokens.vendorA)).status).toBe(403);
  });

  it('a reason is required to reject or cancel: validation_failed names it, nothing changes', async () => {
    const id = await placeOrder(h, t, trade.users.member, trade.address, 'prd_oa_a');
    const res = await post(`/api/v1/vendor/orders/${id}/reject`, trade.tokens.vendorA, { reason: '' });
    expect(res.status).toBe(400);
    expect((await body(res)).error.details.fields[0].path).toBe('reason');
    expect((await body(await get(`/api/v1/orders/${id}`, trade.tokens.member))).status).toBe('placed');
    const cancelled = await body(
      await post(`/api/v1/orders/${id}/cancel`, trade.tokens.member, { reason: 'Wrong size' }),
    );
    expect(cancelled.status).toBe('cancelled');
    const again = await post(`/api/v1/operator/orders/${id}/cancel`, trade.tokens.operator, { reason: 'x' });
    expect(again.status).toBe(409);
  });
});

describe('emails', () => {
  it('the buyer is emailed when the vendor accepts, ships (with tracking) and when an order is cancelled', async () => {
    const id = await placeOrder(h, t, trade.users.member, trade.address, 'prd_oa_a');
    await post(`/api/v1/vendor/orders/${id}/accept`, trade.tokens.vendorA);
    await post(`/api/v1/vendor/orders/${id}/shipments`, trade.tokens.vendorA, {
      carrier: 'UPS',
      trackingNumber: 'MAIL-1',
      lines: [{ lineNo: 1, qty: 2 }],
    });
    const events = await withTenant(h.runtime.database, t, ({ db, t: x }) =>
      db.select().from(x.outbox).where(eq(x.outbox.topic, 'order.shipped')),
    );
    const shipped = events.find((e) => e.payload.orderId === id);
    expect(shipped).toBeDefined();
    const sent = await sendNotificationEmail(h.runtime, {
      tenantId: t.id,
      outboxId: shipped?.id as number,
      topic: 'order.shipped',
      payload: shipped?.payload as Record<string, unknown>,
    });
    expect(sent.status).toBe('sent');
    const [email] = await listEmails(h.runtime.database, {
      to: `${trade.users.member}@trade.test`,
      limit: 5,
    });
    expect(email?.subject).toBe('oa Alpha shipped your order');
    expect(email?.text).toContain('Tracking: UPS MAIL-1');
    expect(email?.text).toContain(`/account/orders/${id}`);
  });

  it('a carrier’s signed “delivered” event marks a fully shipped order delivered and the buyer is emailed; a repeat changes nothing', async () => {
    const id = await placeOrder(h, t, trade.users.member, trade.address, 'prd_oa_a', 2);
    await post(`/api/v1/vendor/orders/${id}/accept`, trade.tokens.vendorA);
    await post(`/api/v1/vendor/orders/${id}/shipments`, trade.tokens.vendorA, {
      carrier: 'DHL',
      trackingNumber: 'DLV-API',
      lines: [{ lineNo: 1, qty: 2 }],
    });
    const { secret } = await body(await get('/api/v1/settings/tracking-webhook', trade.tokens.operator));
    const hook = (eventId: string) => {
      const raw = JSON.stringify({ eventId, trackingNumber: 'DLV-API', status: 'delivered' });
      return h.call(host(t), '/api/v1/tracking/webhook', {
        method: 'POST',
        body: raw,
        headers: { 'x-agora-signature': signTrackingPayload(secret, raw) },
      });
    };
    expect((await hook('dlv-api-1')).status).toBe(201);
    const order = await body(await get(`/api/v1/orders/${id}`, trade.tokens.member));
    expect(order.status).toBe('delivered');
    expect(order.actions).toEqual([]);
    expect((await hook('dlv-api-1')).status).toBe(409);
    expect((await hook('dlv-api-2')).status).toBe(201);
    const events = await withTenant(h.runtime.database, t, ({ db, t: x }) =>
      db.select().from(x.outbox).where(eq(x.outbox.topic, 'order.delivered')),
    );
    const delivered = events.filter((e) => e.payload.orderId === id);
    expect(delivered).toHaveLength(1);
    const sent = await sendNotificationEmail(h.runtime, {
      tenantId: t.id,
      outboxId: delivered[0]?.id as number,
      topic: 'order.delivered',
      payload: delivered[0]?.payload as Record<string, unknown>,
    });
    expect(sent.status).toBe('sent');
    const [email] = await listEmails(h.runtime.database, {
      to: `${trade.users.member}@trade.test`,
      limit: 1,
    });
    expect(email?.subject).toBe('Your order from oa Alpha was delivered');
    expect(email?.text).toContain(`/account/orders/${id}`);
  });
});
