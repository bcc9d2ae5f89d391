import { listEmails, sendOutboxEmail } from '@agora/core';
import { withTenant } from '@agora/db';
import { insertCatalog } from '@agora/testing';
import { eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBuyingCompany } from './buyer-helpers.js';
import { body, host, type T, userToken } from './catalog-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';

/**
 * Cart, quick order, checkout over HTTP and spending-limit approvals (ADR 0033, 0035):
 * behaviour against real PostgreSQL, and who gets nothing (another company's member, another
 * tenant's token, a vendor, an operator, anonymous).
 */
let h: ApiHarness;
let t: T;
let other: T;
let hostname: string;
type Member = { userId: string; token: string };
let acme: { id: string; addressId: string };
let buyer: Member;
let approver: Member;
let limited: Member;
let rival: Member;

const call = (
  token: string | undefined,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) => h.call(hostname, `/api/v1${path}`, { ...init, ...(token ? { token } : {}) });
const checkout = (token: string, key: string | undefined, extra: Record<string, unknown> = {}) =>
  call(token, '/checkouts', {
    body: { currency: 'EUR', shippingAddressId: acme.addressId, ...extra },
    headers: key ? { 'idempotency-key': key } : {},
  });
const add = (token: string, productId: string, qty: number) =>
  call(token, '/cart/lines', { body: { productId, qty } });

beforeAll(async () => {
  h = await createApiHarness();
  t = await h.activeTenant('carts');
  other = await h.activeTenant('carts-other');
  hostname = host(t);
  await insertCatalog(h.runtime.database, t, {
    vendors: [
      { id: 'ven_alpha', name: 'Alpha Tools' },
      { id: 'ven_beta', name: 'Beta Fasteners' },
    ],
    products: [
      {
        id: 'prd_bolt',
        vendorId: 'ven_beta',
        sku: 'BOLT-8',
        title: 'Hex bolt M8',
        basePriceMinor: 250,
        minOrderQty: 100,
        tiers: [
          { minQty: 100, unitPriceMinor: 250 },
          { minQty: 1000, unitPriceMinor: 200 },
        ],
      },
      { id: 'prd_drill', vendorId: 'ven_alpha', sku: 'DRILL-1', title: 'Drill', basePriceMinor: 10_000 },
      {
        id: 'prd_valve',
        vendorId: 'ven_beta',
        sku: 'VALVE',
        title: 'Scarce valve',
        basePriceMinor: 500,
        stockQty: 3,
      },
      // One SKU, two vendors: quick order must ask which.
      { id: 'prd_tape_a', vendorId: 'ven_alpha', sku: 'TAPE', title: 'Tape (Alpha)', basePriceMinor: 100 },
      { id: 'prd_tape_b', vendorId: 'ven_beta', sku: 'TAPE', title: 'Tape (Beta)', basePriceMinor: 90 },
      {
        id: 'prd_usd',
        vendorId: 'ven_alpha',
        sku: 'USD-1',
        title: 'Priced in dollars',
        basePriceMinor: 100,
        currency: 'USD',
      },
      {
        id: 'prd_draft',
        vendorId: 'ven_alpha',
        sku: 'DRAFT',
        title: 'Draft',
        basePriceMinor: 100,
        status: 'draft',
      },
    ],
  });
  await withTenant(h.runtime.database, t, async ({ db, t: tables }) => {
    await db.update(tables.products).set({ orderIncrement: 50 }).where(eq(tables.products.id, 'prd_bolt'));
    await db.update(tables.products).set({ trackStock: true }).where(eq(tables.products.id, 'prd_valve'));
    await db
      .update(tables.vendors)
      .set({ shippingRates: { EUR: { flatMinor: 1_500, freeFromMinor: 100_000 } } })
      .where(eq(tables.vendors.id, 'ven_beta'));
    await db.update(tables.settings).set({
      marketplace: sql`${tables.settings.marketplace} || '{"taxBps": 1900, "currency": "EUR", "timeZone": "Europe/Berlin"}'::jsonb`,
    });
  });
  const company = await addBuyingCompany(h, t);
  acme = company;
  buyer = await company.member('buyer_member');
  approver = await company.member('buyer_approver');
  limited = await company.member('buyer_member', [10_000, 'month']);
  const rivalCompany = await addBuyingCompany(h, t);
  rival = await rivalCompany.member('buyer_admin');
}, 180_000);
afterAll(() => h?.close());

describe('cart', () => {
  it('adds, adds to an existing line, prices at the tier with the next tier and saving, and removes', async () => {
    await call(buyer.token, '/cart', { method: 'DELETE' });
    let cart = await body(await add(buyer.token, 'prd_bolt', 500));
    let line = cart.groups[0].lines[0];
    expect(line).toMatchObject({
      qty: 500,
      unitPriceMinor: 250,
      quantityRule: 'at least 100, in steps of 50',
    });
    expect(line.nextTier).toEqual({ minQty: 1000, unitPriceMinor: 200 });
    cart = await body(await add(buyer.token, 'prd_bolt', 500));
    line = cart.groups[0].lines[0];
    expect(line).toMatchObject({
      qty: 1000,
      unitPriceMinor: 200,
      savingMinor: 50_000,
      nextTier: null,
      flags: [],
    });
    cart = await body(await add(buyer.token, 'prd_drill', 1));
    expect(cart.groups.map((g: any) => [g.vendor.name, g.subtotalMinor])).toEqual([
      ['Alpha Tools', 10_000],
      ['Beta Fasteners', 200_000],
    ]);
    expect(cart.totals).toEqual([{ currency: 'EUR', subtotalMinor: 210_000, lines: 2 }]);
    const set = await call(buyer.token, '/cart/lines/prd_bolt', { method: 'PUT', body: { qty: 150 } });
    expect((await body(set)).groups[1].lines[0]).toMatchObject({ qty: 150, unitPriceMinor: 250 });
    cart = await body(await call(buyer.token, '/cart/lines/prd_drill', { method: 'DELETE' }));
    expect(cart.lineCount).toBe(1);
  });

  it('refuses a quantity the rules do not allow, saying what is allowed, and changes nothing', async () => {
    await call(buyer.token, '/cart', { method: 'DELETE' });
    const res = await add(buyer.token, 'prd_bolt', 120);
    expect(res.status).toBe(400);
    const e = (await body(res)).error;
    expect(e.code).toBe('validation_failed');
    expect(e.details.fields).toEqual([
      { path: 'qty', message: 'can be ordered at least 100, in steps of 50' },
    ]);
    expect((await body(await call(buyer.token, '/cart'))).lineCount).toBe(0);
    const draft = await add(buyer.token, 'prd_draft', 1);
    expect(draft.status).toBe(404);
  });

  it('flags a changed price, an unpublished product and a suspended vendor; setting the qty clears the price flag', async () => {
    await call(buyer.token, '/cart', { method: 'DELETE' });
    await add(buyer.token, 'prd_drill', 1);
    await add(buyer.token, 'prd_tape_b', 1);
    await withTenant(h.runtime.database, t, ({ db, t: tables }) =>
      db.update(tables.products).set({ basePriceMinor: 12_000 }).where(eq(tables.products.id, 'prd_drill')),
    );
    let cart = await body(await call(buyer.token, '/cart'));
    const flags = () =>
      Object.fromEntries(cart.groups.flatMap((g: any) => g.lines.map((l: any) => [l.productId, l.flags])));
    expect(flags()).toEqual({ prd_drill: ['price_changed'], prd_tape_b: [] });
    expect(cart.flagged).toBe(1);
    cart = await body(await call(buyer.token, '/cart/lines/prd_drill', { method: 'PUT', body: { qty: 1 } }));
    expect(flags().prd_drill).toEqual([]);
    await withTenant(h.runtime.database, t, async ({ db, t: tables }) => {
      await db.update(tables.products).set({ status: 'archived' }).where(eq(tables.products.id, 'prd_drill'));
      await db.update(tables.vendors).set({ status: 'suspended' }).where(eq(tables.vendors.id, 'ven_beta'));
    });
    cart = await body(await call(buyer.token, '/cart'));
    expect(flags()).toEqual({ prd_drill: ['unpublished'], prd_tape_b: ['vendor_suspended'] });
    await withTenant(h.runtime.database, t, async ({ db, t: tables }) => {
      await db
        .update(tables.products)
        .set({ status: 'published', basePriceMinor: 10_000 })
        .where(eq(tables.products.id, 'prd_drill'));
      await db.update(tables.vendors).set({ status: 'approved' }).where(eq(tables.vendors.id, 'ven_beta'));
    });
    await call(buyer.token, '/cart', { method: 'DELETE' });
  });

  it('shows each currency apart', async () => {
    await add(buyer.token, 'prd_drill', 1);
    const cart = await body(await add(buyer.token, 'prd_usd', 2));
    expect(cart.totals.map((x: any) => x.currency)).toEqual(['EUR', 'USD']);
    const preview = await body(await call(buyer.token, '/checkout/preview'));
    expect(preview.currency).toBe('EUR');
    expect(preview.currencies).toEqual(['EUR', 'USD']);
    const usd = await body(await call(buyer.token, '/checkout/preview?currency=USD'));
    expect(usd.vendors.flatMap((v: any) => v.lines.map((l: any) => l.productId))).toEqual(['prd_usd']);
    await call(buyer.token, '/cart', { method: 'DELETE' });
  });

  it('holds at most 200 lines, with a clear error', async () => {
    const ids = Array.from({ length: 201 }, (_, i) => `prd_many_${i}`);
    await insertCatalog(h.runtime.database, t, {
      products: ids.map((id) => ({ id, vendorId: 'ven_alpha', title: id, basePriceMinor: 1 })),
    });
    const many = await addBuyingCompany(h, t);
    const m = await many.member('buyer_member');
    const text = ids
      .slice(0, 200)
      .map((id) => `${id.toUpperCase()}, 1`)
      .join('\n');
    const quick = await body(await call(m.token, '/cart/quick-order', { body: { text } }));
    expect(quick.cart.lineCount).toBe(200);
    const res = await add(m.token, 'prd_many_200', 1);
    expect(res.status).toBe(409);
    expect((await body(res)).error.message).toMatch(/at most 200 lines/);
  });
});

describe('quick order', () => {
  it('adds good lines and lists unknown SKUs, bad quantities and ambiguous SKUs by line number', async () => {
    await call(buyer.token, '/cart', { method: 'DELETE' });
    const text = [
      'sku,quantity',
      'BOLT-8, 200',
      'NOPE-1, 5',
      'DRILL-1, two',
      'TAPE, 3',
      'TAPE, 4, Beta Fasteners',
      '',
      'BOLT-8; 130',
    ].join('\n');
    const res = await call(buyer.token, '/cart/quick-order', { body: { text } });
    expect(res.status).toBe(200);
    const r = await body(res);
    expect(r.added).toEqual([
      { line: 2, productId: 'prd_bolt', sku: 'BOLT-8', qty: 200 },
      { line: 6, productId: 'prd_tape_b', sku: 'TAPE', qty: 4 },
    ]);
    expect(r.problems.map((p: any) => p.line)).toEqual([3, 4, 5, 8]);
    expect(r.problems[0].message).toMatch(/No product with SKU NOPE-1/);
    expect(r.problems[1].message).toMatch(/whole number/);
    expect(r.problems[2].message).toMatch(/several vendors \(Alpha Tools, Beta Fasteners\)/);
    expect(r.cart.lineCount).toBe(2);
  });

  it('refuses an empty text', async () => {
    const res = await call(buyer.token, '/cart/quick-order', { body: { text: '' } });
    expect(res.status).toBe(400);
  });
});

describe('checkout over HTTP', () => {
  it('needs an Idempotency-Key header, and says so', async () => {
    await call(buyer.token, '/cart', { method: 'DELETE' });
    await add(buyer.token, 'prd_drill', 1);
    const res = await checkout(buyer.token, undefined);
    expect(res.status).toBe(400);
    const e = (await body(res)).error;
    expect(e.code).toBe('validation_failed');
    expect(e.details.fields[0].message).toMatch(/Idempotency-Key/);
    expect((await body(await call(buyer.token, '/cart'))).lineCount).toBe(1);
  });

  it('places one order per vendor, empties those lines, and a retry with the same key returns the same orders', async () => {
    await call(buyer.token, '/cart', { method: 'DELETE' });
    await add(buyer.token, 'prd_drill', 2);
    await add(buyer.token, 'prd_bolt', 200);
    await add(buyer.token, 'prd_usd', 1);
    const preview = await body(await call(buyer.token, '/checkout/preview?currency=EUR'));
    // Beta: 200 x 2.50 = 500.00 + 19% tax 95.00 + shipping 15.00; Alpha: 200.00 + 38.00.
    expect(preview.vendors.map((v: any) => [v.vendor.name, v.shippingMinor, v.totalMinor])).toEqual([
      ['Alpha Tools', 0, 23_800],
      ['Beta Fasteners', 1_500, 61_000],
    ]);
    expect(preview.company.paymentTerms).toBe('prepay');
    const first = await checkout(buyer.token, 'key-placed-0001', {
      expectedTotalMinor: preview.totalMinor,
      poNumber: 'PO-7',
      notes: { ven_beta: 'Dock 4 please' },
    });
    expect(first.status).toBe(201);
    const placed = await body(first);
    expect(placed).toMatchObject({ status: 'placed', totalMinor: 84_800, replayed: false });
    expect(placed.orderIds).toHaveLength(2);
    const again = await checkout(buyer.token, 'key-placed-0001');
    expect(again.status).toBe(200);
    expect(await body(again)).toMatchObject({
      groupId: placed.groupId,
      orderIds: placed.orderIds,
      replayed: true,
    });
    const cart = await body(await call(buyer.token, '/cart'));
    expect(cart.totals).toEqual([{ currency: 'USD', subtotalMinor: 100, lines: 1 }]);
    const group = await body(await call(buyer.token, `/checkouts/${placed.groupId}`));
    expect(group.poNumber).toBe('PO-7');
    expect(group.orders.map((o: any) => o.totalMinor)).toEqual([23_800, 61_000]);
    const count = await withTenant(h.runtime.database, t, ({ db, t: tables }) =>
      db.select().from(tables.orders).where(eq(tables.orders.groupId, placed.groupId)),
    );
    expect(count).toHaveLength(2);
    expect(count.find((o) => o.vendorId === 'ven_beta')?.note).toBe('Dock 4 please');
    await call(buyer.token, '/cart', { method: 'DELETE' });
  });

  it('refuses with 409 out_of_stock and keeps the cart', async () => {
    await add(buyer.token, 'prd_valve', 5);
    const res = await checkout(buyer.token, 'key-stock-0001');
    expect(res.status).toBe(409);
    const e = (await body(res)).error;
    expect(e.code).toBe('out_of_stock');
    expect(e.details.lines).toEqual([{ productId: 'prd_valve', available: 3, wanted: 5 }]);
    expect((await body(await call(buyer.token, '/cart'))).lineCount).toBe(1);
    await call(buyer.token, '/cart', { method: 'DELETE' });
  });

  it('refuses with 409 credit_limit_exceeded and the figures', async () => {
    const net = await addBuyingCompany(h, t, { terms: 'net', creditLimitMinor: 5_000 });
    const m = await net.member('buyer_member');
    await add(m.token, 'prd_drill', 1);
    const res = await call(m.token, '/checkouts', {
      body: { currency: 'EUR', shippingAddressId: net.addressId },
      headers: { 'idempotency-key': 'key-credit-0001' },
    });
    expect(res.status).toBe(409);
    const e = (await body(res)).error;
    expect(e.code).toBe('credit_limit_exceeded');
    expect(e.details).toEqual({
      creditLimitMinor: 5_000,
      openMinor: 0,
      availableMinor: 5_000,
      orderMinor: 11_900,
    });
  });

  it('refuses 409 cart_changed when the total differs from the one shown', async () => {
    await add(buyer.token, 'prd_drill', 1);
    const res = await checkout(buyer.token, 'key-changed-001', { expectedTotalMinor: 1 });
    expect(res.status).toBe(409);
    expect((await body(res)).error.code).toBe('cart_changed');
    await call(buyer.token, '/cart', { method: 'DELETE' });
  });
});

describe('an unverified email', () => {
  it('cannot check out (403 saying what to do) until the address is confirmed; a new link can be asked for once a minute', async () => {
    const fresh = await addBuyingCompany(h, t);
    const m = await fresh.member('buyer_admin');
    // As after a sign-up with buyers approved automatically: approved, address not confirmed yet.
    await withTenant(h.runtime.database, t, ({ db, t: x }) =>
      db.update(x.users).set({ emailVerifiedAt: null }).where(eq(x.users.id, m.userId)),
    );
    await add(m.token, 'prd_drill', 1);
    const place = (key: string) =>
      call(m.token, '/checkouts', {
        body: { currency: 'EUR', shippingAddressId: fresh.addressId },
        headers: { 'idempotency-key': key },
      });
    const refused = await place('key-unverified-1');
    expect(refused.status).toBe(403);
    const e = (await body(refused)).error;
    expect(e.code).toBe('forbidden');
    expect(e.message).toMatch(/^Confirm your email address before ordering/);
    expect(e.details).toEqual({ reason: 'email_not_verified' });
    expect((await body(await call(m.token, '/cart'))).lineCount).toBe(1); // the cart is kept

    const resent = await call(m.token, '/auth/email-verification', { method: 'POST' });
    expect(resent.status).toBe(200);
    expect(await body(resent)).toEqual({
      message: `A new link is on its way to ${m.email}. Open it within 24 hours to confirm your address.`,
      alreadyVerified: false,
    });
    expect((await call(m.token, '/auth/email-verification', { method: 'POST' })).status).toBe(429);
    expect((await call(undefined, '/auth/email-verification', { method: 'POST' })).status).toBe(401);

    // The link in the email confirms the address; the checkout goes through.
    const [event] = await withTenant(h.runtime.database, t, ({ db, t: x }) =>
      db
        .select()
        .from(x.outbox)
        .where(
          sql`${x.outbox.topic} = 'user.email_verification_requested' and ${x.outbox.payload}->>'userId' = ${m.userId}`,
        ),
    );
    await sendOutboxEmail(h.runtime, {
      tenantId: t.id,
      outboxId: event?.id as number,
      topic: event?.topic as string,
      payload: event?.payload as Record<string, unknown>,
    });
    const [mail] = await listEmails(h.runtime.database, { to: m.email, limit: 1 });
    const token = mail?.text.match(/verify-email\?token=([\w.-]+)/)?.[1];
    expect(token).toBeTruthy();
    expect((await call(undefined, '/auth/verify-email', { body: { token } })).status).toBe(200);
    const placed = await place('key-unverified-2');
    expect(placed.status).toBe(201);
    expect(await body(await call(m.token, '/auth/email-verification', { method: 'POST' }))).toMatchObject({
      alreadyVerified: true,
    });
  });
});

describe('approvals', () => {
  it('over the limit a checkout waits; the approver sees it, approves, and orders are placed', async () => {
    await add(limited.token, 'prd_drill', 1); // 119.00 > 100.00
    const res = await call(limited.token, '/checkouts', {
      body: { currency: 'EUR', shippingAddressId: acme.addressId },
      headers: { 'idempotency-key': 'key-approve-001' },
    });
    expect(res.status).toBe(201);
    const waiting = await body(res);
    expect(waiting).toMatchObject({ status: 'awaiting_approval', orderIds: [] });
    expect((await body(await call(limited.token, '/cart'))).lineCount).toBe(0);
    const mine = await body(await call(limited.token, '/checkouts?status=awaiting_approval'));
    expect(mine.data.map((g: any) => g.id)).toEqual([waiting.groupId]);

    // A member without the approver role: neither the queue nor the decision.
    expect((await call(buyer.token, '/approvals')).status).toBe(403);
    expect((await call(buyer.token, `/approvals/${waiting.groupId}/approve`, { body: {} })).status).toBe(403);
    // Another company's admin: nothing.
    expect((await body(await call(rival.token, '/approvals'))).data).toEqual([]);
    expect((await call(rival.token, `/approvals/${waiting.groupId}/approve`, { body: {} })).status).toBe(404);
    expect((await call(rival.token, `/checkouts/${waiting.groupId}`)).status).toBe(404);
    // Another member of the same company (not an approver) cannot read it either.
    expect((await call(buyer.token, `/checkouts/${waiting.groupId}`)).status).toBe(404);

    const queue = await body(await call(approver.token, '/approvals'));
    expect(queue.data.map((g: any) => [g.id, g.totalMinor, g.lineCount])).toEqual([
      [waiting.groupId, 11_900, 1],
    ]);
    const detail = await body(await call(approver.token, `/checkouts/${waiting.groupId}`));
    expect(detail.lines).toEqual([
      expect.objectContaining({
        productId: 'prd_drill',
        qty: 1,
        unitPriceMinor: 10_000,
        vendor: { id: 'ven_alpha', name: 'Alpha Tools' },
      }),
    ]);
    const approved = await body(
      await call(approver.token, `/approvals/${waiting.groupId}/approve`, { body: {} }),
    );
    expect(approved).toMatchObject({ groupId: waiting.groupId, status: 'placed' });
    expect(approved.orderIds).toHaveLength(1);
    // The buyer's retry of the same checkout finds the placed group.
    const retry = await body(
      await call(limited.token, '/checkouts', {
        body: { currency: 'EUR', shippingAddressId: acme.addressId },
        headers: { 'idempotency-key': 'key-approve-001' },
      }),
    );
    expect(retry).toMatchObject({ status: 'placed', orderIds: approved.orderIds, replayed: true });
    const topics = await withTenant(h.runtime.database, t, ({ db, t: tables }) =>
      db.select({ topic: tables.outbox.topic }).from(tables.outbox),
    );
    expect(topics.map((r) => r.topic)).toEqual(
      expect.arrayContaining(['checkout.approval_requested', 'order.placed', 'checkout.placed']),
    );
  });

  it('a decline needs a reason, keeps it, and the buyer sees it', async () => {
    await add(limited.token, 'prd_drill', 1);
    const waiting = await body(
      await call(limited.token, '/checkouts', {
        body: { currency: 'EUR', shippingAddressId: acme.addressId },
        headers: { 'idempotency-key': 'key-decline-001' },
      }),
    );
    const bad = await call(approver.token, `/approvals/${waiting.groupId}/decline`, {
      body: { reason: ' ' },
    });
    expect(bad.status).toBe(400);
    const declined = await call(approver.token, `/approvals/${waiting.groupId}/decline`, {
      body: { reason: 'Over budget this month' },
    });
    expect((await body(declined)).status).toBe('declined');
    const mine = await body(await call(limited.token, '/checkouts?status=declined'));
    expect(mine.data[0]).toMatchObject({ id: waiting.groupId, decisionReason: 'Over budget this month' });
    const approveLater = await call(approver.token, `/approvals/${waiting.groupId}/approve`, { body: {} });
    expect(approveLater.status).toBe(409);
  });
});

describe('emails', () => {
  it('the buyer, each vendor’s admins and the approvers get theirs, amounts in the order currency', async () => {
    await withTenant(h.runtime.database, t, ({ db, t: x }) =>
      db.update(x.outbox).set({ publishedAt: new Date() }),
    );
    const vendorAdmin = await userToken(h, t, 'vendor_admin', 'ven_beta');
    expect(vendorAdmin).toBeTruthy();
    await add(limited.token, 'prd_bolt', 200);
    const waiting = await body(
      await call(limited.token, '/checkouts', {
        body: { currency: 'EUR', shippingAddressId: acme.addressId },
        headers: { 'idempotency-key': 'key-emails-0001' },
      }),
    );
    const relay = async () => {
      const events = await withTenant(h.runtime.database, t, ({ db, t: x }) =>
        db.update(x.outbox).set({ publishedAt: new Date() }).where(isNull(x.outbox.publishedAt)).returning(),
      );
      for (const e of events)
        await sendOutboxEmail(h.runtime, {
          tenantId: t.id,
          outboxId: e.id,
          topic: e.topic,
          payload: e.payload,
        });
      return events.map((e) => e.topic).sort();
    };
    expect(await relay()).toEqual(['checkout.approval_requested']);
    await call(approver.token, `/approvals/${waiting.groupId}/approve`, { body: {} });
    expect(await relay()).toEqual(['checkout.placed', 'order.placed']);
    // An approval request decided before its email went out sends nothing.
    await add(limited.token, 'prd_drill', 1);
    const decided = await body(
      await call(limited.token, '/checkouts', {
        body: { currency: 'EUR', shippingAddressId: acme.addressId },
        headers: { 'idempotency-key': 'key-emails-0002' },
      }),
    );
    await call(approver.token, `/approvals/${decided.groupId}/decline`, { body: { reason: 'No drills' } });
    expect(await relay()).toEqual(['checkout.approval_requested', 'checkout.declined']);
    const emails = await listEmails(h.runtime.database, { limit: 50 });
    const to = (kind: string) => emails.filter((m) => m.kind === kind);
    expect(to('approval_request').map((m) => m.to)).toEqual([`${approver.userId}@buyers.test`]);
    expect(to('approval_request')[0]?.subject).toBe('Approval needed: an order of €610.00');
    expect(to('order_confirmation')[0]).toMatchObject({
      to: `${limited.userId}@buyers.test`,
      subject: 'Your order was approved and placed',
    });
    expect(to('order_confirmation')[0]?.text).toContain('Beta Fasteners: order ord_');
    const vendorMail = to('vendor_new_order');
    expect(vendorMail).toHaveLength(1);
    expect(vendorMail[0]?.text).toContain('€610.00');
    expect(to('checkout_declined')[0]).toMatchObject({ to: `${limited.userId}@buyers.test` });
    expect(to('checkout_declined')[0]?.text).toContain('The reason given: No drills');
  });
});

describe('who gets nothing', () => {
  it('anonymous, a vendor, an operator and another tenant’s buyer are refused every buying endpoint', async () => {
    const vendorToken = await userToken(h, t, 'vendor_admin', 'ven_alpha');
    const operatorToken = await userToken(h, t, 'owner');
    const otherCompany = await addBuyingCompany(h, other);
    const foreign = await otherCompany.member('buyer_admin');
    const endpoints: [string, string, unknown?][] = [
      ['GET', '/cart'],
      ['POST', '/cart/lines', { productId: 'prd_drill', qty: 1 }],
      ['PUT', '/cart/lines/prd_drill', { qty: 1 }],
      ['DELETE', '/cart/lines/prd_drill'],
      ['DELETE', '/cart'],
      ['POST', '/cart/quick-order', { text: 'DRILL-1, 1' }],
      ['GET', '/checkout/preview'],
      ['POST', '/checkouts', { currency: 'EUR', shippingAddressId: 'adr_x' }],
      ['GET', '/checkouts'],
      ['GET', '/checkouts/ogr_x'],
      ['GET', '/approvals'],
      ['POST', '/approvals/ogr_x/approve', {}],
      ['POST', '/approvals/ogr_x/decline', { reason: 'x' }],
    ];
    for (const [method, path, json] of endpoints) {
      const init = {
        method,
        ...(json !== undefined ? { body: json } : {}),
        headers: { 'idempotency-key': 'key-who-00001' },
      };
      expect([path, (await call(undefined, path, init)).status]).toEqual([path, 401]);
      expect([path, (await call(vendorToken, path, init)).status]).toEqual([path, 403]);
      expect([path, (await call(operatorToken, path, init)).status]).toEqual([path, 403]);
      expect([path, (await call(foreign.token, path, init)).status]).toEqual([path, 401]);
    }
  });
});
