import {
  AppError,
  mayTakeOrderAction,
  ORDER_ACTIONS,
  ORDER_STATUSES,
  type OrderActor,
  type OrderStatus,
} from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  insertCatalog,
  type TestDatabase,
  testConfig,
} from '@agora/testing';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptOrder,
  addTrackingEvent,
  buyAgain,
  cancelOrder,
  changeOrderStatus,
  completeOrder,
  createRuntime,
  createTenant,
  getInvoice,
  getOrder,
  getTrackingWebhookSecret,
  inviteCompanyMember,
  invoiceDate,
  listCompanyMembers,
  listOrders,
  markOrderDelivered,
  type OrderScope,
  placeCheckout,
  type Runtime,
  receiveTrackingWebhook,
  rejectOrder,
  removeCompanyMember,
  renderInvoicePdf,
  rotateTrackingWebhookSecret,
  runProvisioning,
  shipOrder,
  signTrackingPayload,
} from '../../src/index.js';
import { remainingOrderParts } from '../../src/ledger/post-orders.js';

let tdb: TestDatabase;
let rt: Runtime;
let tenant: TenantRef;

const vendorA: OrderScope = { actor: 'vendor', userId: 'usr_va', vendorId: 'ven_a' };
const vendorB: OrderScope = { actor: 'vendor', userId: 'usr_vb', vendorId: 'ven_b' };
const operator: OrderScope = { actor: 'operator', userId: 'usr_op' };

beforeAll(async () => {
  tdb = await createTestDatabase();
  rt = await createRuntime(testConfig(tdb.url));
  tenant = await createTenant(
    rt,
    { name: 'Trade', slug: 'trade', ownerEmail: 'o@trade.test' },
    { type: 'system', id: 'test' },
  );
  await runProvisioning(rt, tenant.id, { finalAttempt: true });
  await insertCatalog(rt.database, tenant, {
    vendors: [
      { id: 'ven_a', name: 'Alpha Tools' },
      { id: 'ven_b', name: 'Beta Fasteners' },
    ],
    products: [
      { id: 'prd_drill', vendorId: 'ven_a', title: 'Drill', basePriceMinor: 10_000, minOrderQty: 1 },
      {
        id: 'prd_saw',
        vendorId: 'ven_a',
        title: 'Saw',
        basePriceMinor: 5_000,
        minOrderQty: 1,
        stockQty: 1000,
      },
      { id: 'prd_bolt', vendorId: 'ven_b', title: 'Bolt', basePriceMinor: 25, minOrderQty: 1 },
    ],
  });
  await withTenant(rt.database, tenant, async ({ db, t }) => {
    await db.update(t.products).set({ trackStock: true }).where(eq(t.products.id, 'prd_saw'));
    await db.update(t.settings).set({
      marketplace: sql`${t.settings.marketplace} || '{"taxBps": 1900, "currency": "EUR", "timeZone": "Europe/Berlin"}'::jsonb`,
    });
  });
});

afterAll(async () => {
  await rt?.close();
  if (rt) await cleanupRedisPrefix(rt.config.redisUrl, rt.config.queuePrefix);
  await tdb?.drop();
});

let seq = 0;
/** An approved company with an address, an admin and two members. */
async function company() {
  const n = ++seq;
  const id = `cmp_${n}`;
  const [admin, member, other] = ['admin', 'm1', 'm2'].map((s) => `usr_${n}_${s}`) as [
    string,
    string,
    string,
  ];
  await withTenant(rt.database, tenant, async ({ db, t }) => {
    await db.insert(t.companies).values({
      id,
      legalName: `Company ${n} GmbH`,
      country: 'DE',
      taxId: `DE${n}`,
      billingAddress: { line1: 'Street 1', city: 'Berlin', country: 'DE' },
      status: 'approved',
      paymentTerms: 'net',
      netDays: 30,
    });
    await db.insert(t.companyAddresses).values({
      id: `adr_${n}`,
      companyId: id,
      label: 'Main',
      address: { line1: 'Dock 4', city: 'Hamburg' },
    });
    await db.insert(t.users).values(
      [
        [admin, 'buyer_admin'],
        [member, 'buyer_member'],
        [other, 'buyer_member'],
      ].map(([uid, role]) => ({
        id: uid as string,
        email: `${uid}@buyers.test`,
        role: role as 'buyer_admin' | 'buyer_member',
        status: 'active' as const,
        companyId: id,
        emailVerifiedAt: new Date(),
      })),
    );
  });
  const scope = (userId: string, wholeCompany = false): OrderScope => ({
    actor: 'buyer',
    userId,
    companyId: id,
    wholeCompany,
  });
  return { id, admin, member, other, address: `adr_${n}`, scope };
}

let keys = 0;
/** Place an order of `lines` for `userId`; the order ids, by vendor. */
async function place(userId: string, address: string, lines: [string, number][]) {
  await withTenant(rt.database, tenant, async ({ db, t }) => {
    await db
      .insert(t.cartLines)
      .values(lines.map(([productId, qty]) => ({ userId, productId, qty, unitPriceSeenMinor: 0 })));
  });
  const r = await placeCheckout(rt.database, tenant, {
    buyerUserId: userId,
    idempotencyKey: `k${++keys}`,
    body: { currency: 'EUR', shippingAddressId: address },
  });
  expect(r.status).toBe('placed');
  return r.orderIds;
}

const stock = (id: string) =>
  withTenant(rt.database, tenant, async ({ db, t }) => {
    const [p] = await db.select({ s: t.products.stockQty }).from(t.products).where(eq(t.products.id, id));
    return p?.s;
  });

const code = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'ok';
};

const outbox = (topic: string, orderId: string) =>
  withTenant(rt.database, tenant, async ({ db, t }) => {
    const rows = await db.select().from(t.outbox).where(eq(t.outbox.topic, topic));
    return rows.filter((r) => r.payload.orderId === orderId).length;
  });

/** An order's ledger transactions, and what is left on the books for it. */
const ledger = (orderId: string) =>
  withTenant(rt.database, tenant, async (tx) => {
    const rows = await tx.db
      .select({ kind: tx.t.ledgerTransactions.kind })
      .from(tx.t.ledgerTransactions)
      .where(
        inArray(
          tx.t.ledgerTransactions.id,
          tx.db
            .selectDistinct({ id: tx.t.ledgerEntries.transactionId })
            .from(tx.t.ledgerEntries)
            .where(eq(tx.t.ledgerEntries.orderId, orderId)),
        ),
      )
      .orderBy(tx.t.ledgerTransactions.occurredAt, tx.t.ledgerTransactions.id);
    return { kinds: rows.map((r) => r.kind).sort(), left: await remainingOrderParts(tx, orderId) };
  });
const LEDGER_CALLED_OFF = {
  kinds: ['order_placed', 'order_reversed'],
  left: { vendor: 0, commission: 0, tax: 0 },
};

describe('order lifecycle', () => {
  it('accept issues a numbered invoice; reject returns the stock once, with the reason, and cannot repeat', async () => {
    const c = await company();
    const [a] = await place(c.member, c.address, [['prd_saw', 10]]);
    const before = await stock('prd_saw');
    const accepted = await acceptOrder(rt.database, tenant, { orderId: a as string, scope: vendorA });
    expect(accepted.status).toBe('accepted');
    expect(accepted.invoice?.number).toMatch(/^ALPH-\d{4}-\d{5}$/);
    expect(await outbox('order.accepted', a as string)).toBe(1);

    const [b] = await place(c.member, c.address, [['prd_saw', 7]]);
    expect(await stock('prd_saw')).toBe((before as number) - 7);
    expect(
      await code(rejectOrder(rt.database, tenant, { orderId: b as string, scope: vendorA, reason: ' ' })),
    ).toBe('validation_failed');
    const rejected = await rejectOrder(rt.database, tenant, {
      orderId: b as string,
      scope: vendorA,
      reason: 'Out of season',
    });
    expect(rejected.status).toBe('rejected');
    expect(rejected.statusReason).toBe('Out of season');
    expect(rejected.invoice).toBeNull();
    expect(rejected.timeline.map((e) => e.text)).toContain('Rejected by the vendor: Out of season');
    expect(await stock('prd_saw')).toBe(before);
    expect(
      await code(rejectOrder(rt.database, tenant, { orderId: b as string, scope: vendorA, reason: 'again' })),
    ).toBe('invalid_state');
    expect(
      await code(cancelOrder(rt.database, tenant, { orderId: b as string, scope: operator, reason: 'x' })),
    ).toBe('invalid_state');
    expect(await stock('prd_saw')).toBe(before);
    const audit = await withTenant(rt.database, tenant, ({ db, t }) =>
      db
        .select()
        .from(t.auditLog)
        .where(eq(t.auditLog.subjectId, b as string)),
    );
    expect(audit.map((r) => r.action)).toEqual(['order.rejected']);
    expect(await ledger(b as string)).toEqual(LEDGER_CALLED_OFF);
    expect((await ledger(a as string)).kinds).toEqual(['order_placed']);
  });

  it('the buyer cancels before acceptance only; the vendor and the operator after; stock back exactly once', async () => {
    const c = await company();
    const start = await stock('prd_saw');
    const [a] = await place(c.member, c.address, [['prd_saw', 5]]);
    const cancelled = await cancelOrder(rt.database, tenant, {
      orderId: a as string,
      scope: c.scope(c.member),
      reason: 'Ordered twice',
    });
    expect(cancelled.status).toBe('cancelled');
    expect(await stock('prd_saw')).toBe(start);

    const [b] = await place(c.member, c.address, [['prd_saw', 5]]);
    await acceptOrder(rt.database, tenant, { orderId: b as string, scope: vendorA });
    expect(
      await code(
        cancelOrder(rt.database, tenant, { orderId: b as string, scope: c.scope(c.member), reason: 'x' }),
      ),
    ).toBe('invalid_state');
    // two cancellations at once: one wins, the stock comes back once
    const results = await Promise.all([
      code(
        cancelOrder(rt.database, tenant, {
          orderId: b as string,
          scope: vendorA,
          reason: 'No stock after all',
        }),
      ),
      code(cancelOrder(rt.database, tenant, { orderId: b as string, scope: operator, reason: 'Duplicate' })),
    ]);
    expect(results.sort()).toEqual(['invalid_state', 'ok']);
    expect(await stock('prd_saw')).toBe(start);
    expect(await outbox('order.cancelled', b as string)).toBe(1);
    // The ledger booked each order once and reversed it once, in the cancelling transaction.
    for (const id of [a, b] as string[]) expect(await ledger(id)).toEqual(LEDGER_CALLED_OFF);
  });

  it('partial shipments: shipped at the first, delivery only once every line has shipped, never more than ordered', async () => {
    const c = await company();
    const [a] = await place(c.member, c.address, [
      ['prd_drill', 4],
      ['prd_saw', 2],
    ]);
    const orderId = a as string;
    expect(
      await code(
        shipOrder(rt.database, tenant, {
          orderId,
          scope: vendorA,
          body: { carrier: 'DHL', trackingNumber: 'T0', lines: [{ lineNo: 1, qty: 1 }] },
        }),
      ),
    ).toBe('invalid_state');
    await acceptOrder(rt.database, tenant, { orderId, scope: vendorA });
    const over = shipOrder(rt.database, tenant, {
      orderId,
      scope: vendorA,
      body: { carrier: 'DHL', trackingNumber: 'T1', lines: [{ lineNo: 1, qty: 5 }] },
    });
    await expect(over).rejects.toMatchObject({
      code: 'validation_failed',
      details: { fields: [{ path: 'lines.0.qty', message: 'must be at most 4 (what is left to ship)' }] },
    });
    const first = await shipOrder(rt.database, tenant, {
      orderId,
      scope: vendorA,
      body: {
        carrier: 'DHL',
        trackingNumber: 'PART-1',
        lines: [
          { lineNo: 1, qty: 3 },
          { lineNo: 2, qty: 0 },
        ],
      },
    });
    expect(first.status).toBe('shipped');
    expect(first.fullyShipped).toBe(false);
    expect(first.lines.map((l) => l.shippedQty)).toEqual([3, 0]);
    expect(first.actions).toEqual(['ship']);
    expect(await code(markOrderDelivered(rt.database, tenant, { orderId, scope: c.scope(c.member) }))).toBe(
      'invalid_state',
    );
    // the database refuses over-shipping even past the code
    await expect(
      withTenant(rt.database, tenant, async ({ db, t }) => {
        await db.insert(t.shipments).values({ id: 'shp_x', orderId, carrier: 'X', trackingNumber: 'X' });
        await db.insert(t.shipmentLines).values({ shipmentId: 'shp_x', orderId, lineNo: 1, qty: 2 });
      }),
    ).rejects.toThrow();
    const second = await shipOrder(rt.database, tenant, {
      orderId,
      scope: vendorA,
      body: {
        carrier: 'UPS',
        trackingNumber: 'PART-2',
        lines: [
          { lineNo: 1, qty: 1 },
          { lineNo: 2, qty: 2 },
        ],
      },
    });
    expect(second.fullyShipped).toBe(true);
    expect(second.shipments).toHaveLength(2);
    expect(second.actions).toEqual(['deliver']); // the vendor may mark it, the buyer confirm it
    expect((await getOrder(rt.database, tenant, c.scope(c.member), orderId)).actions).toEqual(['deliver']);
    const shipmentId = second.shipments[0]?.id as string;
    const tracked = await addTrackingEvent(rt.database, tenant, {
      orderId,
      shipmentId,
      scope: vendorA,
      body: { status: 'in_transit', location: 'Leipzig hub', occurredAt: new Date().toISOString() },
    });
    expect(tracked.shipments[0]?.events.map((e) => [e.status, e.location, e.source])).toEqual([
      ['in_transit', 'Leipzig hub', 'vendor'],
    ]);
    expect(
      await code(
        addTrackingEvent(rt.database, tenant, {
          orderId,
          shipmentId,
          scope: vendorB,
          body: { status: 'delivered' },
        }),
      ),
    ).toBe('not_found');
    const delivered = await markOrderDelivered(rt.database, tenant, { orderId, scope: c.scope(c.member) });
    expect(delivered.status).toBe('delivered');
    expect(delivered.actions).toEqual([]);
    expect(await code(completeOrder(rt.database, tenant, { orderId, scope: c.scope(c.member) }))).toBe(
      'forbidden',
    );
    const completed = await completeOrder(rt.database, tenant, { orderId, scope: operator });
    expect(completed.status).toBe('completed');
    expect(completed.timeline.map((e) => e.status)).toEqual([
      'placed',
      'accepted',
      'shipped',
      'shipped',
      'in_transit',
      'delivered',
      'completed',
    ]);
  });

  it('every move the transition table does not give an actor is refused, and changes nothing', async () => {
    const c = await company();
    const actors: [OrderActor, OrderScope][] = [
      ['vendor', vendorA],
      ['buyer', c.scope(c.member)],
      ['operator', operator],
    ];
    for (const status of ORDER_STATUSES) {
      const [id] = await place(c.member, c.address, [['prd_drill', 1]]);
      await withTenant(rt.database, tenant, ({ db, t }) =>
        db
          .update(t.orders)
          .set({ status: status as OrderStatus })
          .where(eq(t.orders.id, id as string)),
      );
      for (const [actor, scope] of actors)
        for (const action of ORDER_ACTIONS) {
          if (mayTakeOrderAction(action, actor, status)) continue;
          const outcome = await code(
            withTenant(rt.database, tenant, (tx) =>
              action === 'ship'
                ? Promise.reject(new AppError('invalid_state', 'ship is tested through shipOrder'))
                : changeOrderStatus(tx, { orderId: id as string, action, scope, reason: 'r' }),
            ),
          );
          expect([actor, status, action, outcome]).toEqual([
            actor,
            status,
            action,
            expect.stringMatching(/^(invalid_state|forbidden)$/),
          ]);
        }
      const refusedShip = await code(
        shipOrder(rt.database, tenant, {
          orderId: id as string,
          scope: c.scope(c.member),
          body: { carrier: 'x', trackingNumber: 'y', lines: [{ lineNo: 1, qty: 1 }] },
        }),
      );
      expect(refusedShip).toBe('forbidden');
      const after = await getOrder(rt.database, tenant, operator, id as string);
      expect(after.status).toBe(status);
    }
  });
});

describe('who sees which order', () => {
  it('a vendor its own, a buyer member its own, a buyer admin the company, an operator all', async () => {
    const c = await company();
    const d = await company();
    const [mine] = await place(c.member, c.address, [['prd_drill', 1]]);
    const [colleague] = await place(c.other, c.address, [['prd_bolt', 10]]);
    const [elsewhere] = await place(d.member, d.address, [['prd_drill', 1]]);
    expect(await code(getOrder(rt.database, tenant, vendorB, mine as string))).toBe('not_found');
    expect(await code(getOrder(rt.database, tenant, c.scope(c.member), colleague as string))).toBe(
      'not_found',
    );
    expect(await code(getOrder(rt.database, tenant, c.scope(c.admin, true), elsewhere as string))).toBe(
      'not_found',
    );
    expect(await code(acceptOrder(rt.database, tenant, { orderId: mine as string, scope: vendorB }))).toBe(
      'not_found',
    );
    const ids = async (scope: OrderScope) =>
      (await listOrders(rt.database, tenant, scope, { limit: 100 })).data.map((o) => o.id);
    expect(await ids(c.scope(c.member))).toEqual([mine]);
    expect((await ids(c.scope(c.admin, true))).sort()).toEqual([mine, colleague].sort());
    expect(await ids(vendorB)).toContain(colleague);
    expect(await ids(vendorB)).not.toContain(mine);
    expect(await ids(operator)).toEqual(expect.arrayContaining([mine, colleague, elsewhere]));
  });

  it('lists page by keyset and filter by status', async () => {
    const c = await company();
    for (let i = 0; i < 5; i++) await place(c.member, c.address, [['prd_drill', 1]]);
    const scope = c.scope(c.member);
    const first = await listOrders(rt.database, tenant, scope, { limit: 2 });
    const second = await listOrders(rt.database, tenant, scope, {
      limit: 2,
      cursor: first.nextCursor as string,
    });
    const third = await listOrders(rt.database, tenant, scope, {
      limit: 2,
      cursor: second.nextCursor as string,
    });
    const all = [...first.data, ...second.data, ...third.data].map((o) => o.id);
    expect(new Set(all).size).toBe(5);
    expect(third.nextCursor).toBeNull();
    await acceptOrder(rt.database, tenant, { orderId: all[0] as string, scope: vendorA });
    const accepted = await listOrders(rt.database, tenant, scope, { limit: 20, status: 'accepted' });
    expect(accepted.data.map((o) => o.id)).toEqual([all[0]]);
  });
});

describe('invoices', () => {
  it('numbers stay gapless per vendor and year under 20 concurrent acceptances', async () => {
    const c = await company();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(...(await place(c.member, c.address, [['prd_bolt', 1]])));
    const before = await withTenant(rt.database, tenant, ({ db, t }) =>
      db.select({ seq: t.invoices.seq }).from(t.invoices).where(eq(t.invoices.vendorId, 'ven_b')),
    );
    await Promise.all(ids.map((orderId) => acceptOrder(rt.database, tenant, { orderId, scope: vendorB })));
    const rows = await withTenant(rt.database, tenant, ({ db, t }) =>
      db
        .select({ seq: t.invoices.seq, number: t.invoices.number })
        .from(t.invoices)
        .where(eq(t.invoices.vendorId, 'ven_b')),
    );
    const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: before.length + 20 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
    expect(rows[0]?.number).toMatch(/^BETA-\d{4}-\d{5}$/);
  });

  it('the invoice shows seller, buyer, lines and terms; its PDF is a PDF; none before acceptance', async () => {
    const c = await company();
    const [id] = await place(c.member, c.address, [['prd_drill', 2]]);
    expect(await code(getInvoice(rt.database, tenant, c.scope(c.member), id as string))).toBe('not_found');
    await acceptOrder(rt.database, tenant, { orderId: id as string, scope: vendorA });
    const inv = await getInvoice(rt.database, tenant, c.scope(c.member), id as string);
    expect(inv.seller.name).toBeTruthy();
    expect(inv.buyer.name).toMatch(/^Company \d+ GmbH$/);
    expect(inv.lines).toEqual([
      expect.objectContaining({ qty: 2, unitPriceMinor: 10_000, netMinor: 20_000, taxMinor: 3_800 }),
    ]);
    expect(inv.totalMinor).toBe(23_800);
    expect(inv.paymentTerms).toBe('net');
    expect(Date.parse(inv.dueAt) - Date.parse(inv.issuedAt)).toBe(30 * 86_400_000);
    const pdf = await renderInvoicePdf(inv);
    expect(Buffer.from(pdf.slice(0, 5)).toString('latin1')).toBe('%PDF-');
    // Its dates are the marketplace's days (Europe/Berlin here), as the pages show them.
    expect(inv.timeZone).toBe('Europe/Berlin');
    expect(invoiceDate('2026-12-31T23:30:00Z', inv.timeZone)).toBe('1 Jan 2027');
    expect(invoiceDate('2026-12-06T10:00:00Z', 'UTC')).toBe('6 Dec 2026');
    expect(await code(getInvoice(rt.database, tenant, vendorB, id as string))).toBe('not_found');
  });
});

describe('tracking webhook', () => {
  it('takes a signed event once; refuses unsigned, wrongly signed, stale and replayed posts', async () => {
    const c = await company();
    const [id] = await place(c.member, c.address, [['prd_drill', 1]]);
    await acceptOrder(rt.database, tenant, { orderId: id as string, scope: vendorA });
    await shipOrder(rt.database, tenant, {
      orderId: id as string,
      scope: vendorA,
      body: { carrier: 'DHL', trackingNumber: 'HOOK-1', lines: [{ lineNo: 1, qty: 1 }] },
    });
    const secret = await getTrackingWebhookSecret(rt.database, tenant);
    const body = JSON.stringify({
      eventId: 'evt-1',
      trackingNumber: 'HOOK-1',
      status: 'out_for_delivery',
      location: 'Hamburg',
    });
    const post = (signature: string | null, raw = body) =>
      code(receiveTrackingWebhook(rt.database, tenant, { signature, rawBody: raw }));
    expect(await post(null)).toBe('unauthenticated');
    expect(await post(signTrackingPayload('whsec_wrong', body))).toBe('unauthenticated');
    expect(await post(signTrackingPayload(secret, body, new Date(Date.now() - 6 * 60_000)))).toBe(
      'unauthenticated',
    );
    expect(await post(signTrackingPayload(secret, body), body.replace('Hamburg', 'Bremen'))).toBe(
      'unauthenticated',
    );
    expect(await post(signTrackingPayload(secret, body))).toBe('ok');
    expect(await post(signTrackingPayload(secret, body))).toBe('conflict');
    const order = await getOrder(rt.database, tenant, c.scope(c.member), id as string);
    expect(order.shipments[0]?.events.map((e) => [e.status, e.location, e.source])).toEqual([
      ['out_for_delivery', 'Hamburg', 'webhook'],
    ]);
    expect(order.timeline.at(-1)?.kind).toBe('tracking');

    const rotated = await rotateTrackingWebhookSecret(rt.database, tenant, 'usr_op');
    expect(rotated).not.toBe(secret);
    const next = JSON.stringify({ eventId: 'evt-2', trackingNumber: 'HOOK-1', status: 'delivered' });
    expect(await post(signTrackingPayload(secret, next), next)).toBe('unauthenticated');
    expect(await post(signTrackingPayload(rotated, next), next)).toBe('ok');
    const unknown = JSON.stringify({ eventId: 'evt-3', trackingNumber: 'NOPE', status: 'delivered' });
    expect(await post(signTrackingPayload(rotated, unknown), unknown)).toBe('not_found');
  });
});

describe('delivered by tracking', () => {
  const status = (orderId: string) =>
    withTenant(rt.database, tenant, async ({ db, t }) => {
      const [o] = await db.select({ s: t.orders.status }).from(t.orders).where(eq(t.orders.id, orderId));
      return o?.s;
    });
  const audits = (orderId: string) =>
    withTenant(rt.database, tenant, async ({ db, t }) =>
      db
        .select({ action: t.auditLog.action, data: t.auditLog.data })
        .from(t.auditLog)
        .where(eq(t.auditLog.subjectId, orderId)),
    );

  it('the carrier delivering every shipment of a fully shipped order marks it delivered, once', async () => {
    const c = await company();
    const [id] = await place(c.member, c.address, [['prd_drill', 3]]);
    const orderId = id as string;
    await acceptOrder(rt.database, tenant, { orderId, scope: vendorA });
    const ship = (trackingNumber: string, qty: number) =>
      shipOrder(rt.database, tenant, {
        orderId,
        scope: vendorA,
        body: { carrier: 'DHL', trackingNumber, lines: [{ lineNo: 1, qty }] },
      });
    await ship('DLV-1', 1);
    await ship('DLV-2', 1);
    const secret = await getTrackingWebhookSecret(rt.database, tenant);
    const hook = (eventId: string, trackingNumber: string, s = 'delivered') => {
      const raw = JSON.stringify({ eventId, trackingNumber, status: s });
      return code(
        receiveTrackingWebhook(rt.database, tenant, {
          signature: signTrackingPayload(secret, raw),
          rawBody: raw,
        }),
      );
    };
    // Both parcels delivered, but one unit has not shipped yet: the order stays shipped.
    expect(await hook('dlv-a', 'DLV-1')).toBe('ok');
    expect(await status(orderId)).toBe('shipped');
    expect(await hook('dlv-b', 'DLV-2')).toBe('ok');
    expect(await status(orderId)).toBe('shipped');
    // The last unit ships; its parcel is on the way, then delivered: now the order is.
    await ship('DLV-3', 1);
    expect(await hook('dlv-c', 'DLV-3', 'out_for_delivery')).toBe('ok');
    expect(await status(orderId)).toBe('shipped');
    expect(await hook('dlv-d', 'DLV-3')).toBe('ok');
    expect(await status(orderId)).toBe('delivered');
    expect(await outbox('order.delivered', orderId)).toBe(1);
    const moved = (await audits(orderId)).filter((a) => a.action === 'order.delivered');
    expect(moved.map((a) => a.data)).toEqual([{ from: 'shipped', actor: 'carrier' }]);
    // The same event again is a replay (409); another delivered event changes nothing.
    expect(await hook('dlv-d', 'DLV-3')).toBe('conflict');
    expect(await hook('dlv-e', 'DLV-3')).toBe('ok');
    expect(await status(orderId)).toBe('delivered');
    expect(await outbox('order.delivered', orderId)).toBe(1);
    // The buyer sees it delivered; the vendor goes on to complete it as usual.
    const order = await getOrder(rt.database, tenant, c.scope(c.member), orderId);
    expect(order.status).toBe('delivered');
    expect((await completeOrder(rt.database, tenant, { orderId, scope: vendorA })).status).toBe('completed');
    expect(await hook('dlv-f', 'DLV-1')).toBe('ok');
    expect(await status(orderId)).toBe('completed');
  });

  it('a delivered event the vendor enters marks the order delivered by the vendor', async () => {
    const c = await company();
    const [id] = await place(c.member, c.address, [['prd_drill', 1]]);
    const orderId = id as string;
    await acceptOrder(rt.database, tenant, { orderId, scope: vendorA });
    const shipped = await shipOrder(rt.database, tenant, {
      orderId,
      scope: vendorA,
      body: { carrier: 'DHL', trackingNumber: 'DLV-V', lines: [{ lineNo: 1, qty: 1 }] },
    });
    const shipmentId = shipped.shipments[0]?.id as string;
    const track = (s: 'in_transit' | 'delivered') =>
      addTrackingEvent(rt.database, tenant, { orderId, shipmentId, scope: vendorA, body: { status: s } });
    expect((await track('in_transit')).status).toBe('shipped');
    const after = await track('delivered');
    expect(after.status).toBe('delivered');
    expect(after.actions).toEqual(['complete']);
    expect((await track('delivered')).status).toBe('delivered');
    expect(await outbox('order.delivered', orderId)).toBe(1);
    const moved = (await audits(orderId)).filter((a) => a.action === 'order.delivered');
    expect(moved.map((a) => [a.data.actor])).toEqual([['vendor']]);
  });
});

describe('a removed member', () => {
  it('frees the email: invited again to the same or another company, the past orders stay attributed', async () => {
    const a = await company();
    const b = await company();
    const [orderId] = await place(a.member, a.address, [['prd_drill', 1]]);
    const email = `${a.member}@buyers.test`;
    await removeCompanyMember(rt.database, tenant, {
      companyId: a.id,
      actorUserId: a.admin,
      userId: a.member,
    });
    // Another company invites the same address: the account comes back there, as invited.
    const joined = await inviteCompanyMember(rt.database, tenant, {
      companyId: b.id,
      actorUserId: b.admin,
      email,
      role: 'buyer_approver',
    });
    expect(joined).toMatchObject({ id: a.member, email, role: 'buyer_approver', status: 'invited' });
    const members = await listCompanyMembers(rt.database, tenant, b.id, { limit: 100 });
    expect(members.data.map((m) => m.email)).toContain(email);
    // The order placed for company A stays A's, placed by the same person; B's scope does not reach it.
    const seenByA = await listOrders(rt.database, tenant, a.scope(a.admin, true), { limit: 100 });
    expect(seenByA.data.find((o) => o.id === orderId)).toMatchObject({
      companyId: a.id,
      buyerUserId: a.member,
    });
    const seenByB = await listOrders(rt.database, tenant, b.scope(b.admin, true), { limit: 100 });
    expect(seenByB.data.map((o) => o.id)).not.toContain(orderId);
    // Still a live account now: another invitation says where it is and what to do.
    const again = inviteCompanyMember(rt.database, tenant, {
      companyId: a.id,
      actorUserId: a.admin,
      email,
      role: 'buyer_member',
    });
    await expect(again).rejects.toMatchObject({
      code: 'email_taken',
      message: expect.stringMatching(
        /another company.*invite a different address, or ask them to be removed/,
      ),
    });
    const twice = inviteCompanyMember(rt.database, tenant, {
      companyId: b.id,
      actorUserId: b.admin,
      email,
      role: 'buyer_member',
    });
    await expect(twice).rejects.toMatchObject({
      code: 'email_taken',
      message: `${email} is already a member of your company (invited, not joined yet)`,
    });
    // Removed from B too, then back in A, the company of the order.
    await removeCompanyMember(rt.database, tenant, {
      companyId: b.id,
      actorUserId: b.admin,
      userId: a.member,
    });
    const back = await inviteCompanyMember(rt.database, tenant, {
      companyId: a.id,
      actorUserId: a.admin,
      email,
      role: 'buyer_member',
    });
    expect(back).toMatchObject({ id: a.member, status: 'invited', role: 'buyer_member' });
  });

  it('counts only the orders placed for its new company against a spending limit there', async () => {
    const a = await company();
    const b = await company();
    const [first] = await place(a.member, a.address, [['prd_drill', 1]]);
    const [spent] = await withTenant(rt.database, tenant, ({ db, t }) =>
      db
        .select({ total: t.orders.totalMinor })
        .from(t.orders)
        .where(eq(t.orders.id, first as string)),
    );
    await removeCompanyMember(rt.database, tenant, {
      companyId: a.id,
      actorUserId: a.admin,
      userId: a.member,
    });
    await inviteCompanyMember(rt.database, tenant, {
      companyId: b.id,
      actorUserId: b.admin,
      email: `${a.member}@buyers.test`,
      role: 'buyer_member',
    });
    // Joined B with a monthly limit that one more such order fits, but not two.
    const limit = Math.round((spent?.total as number) * 1.5);
    await withTenant(rt.database, tenant, ({ db, t }) =>
      db
        .update(t.users)
        .set({
          status: 'active',
          emailVerifiedAt: new Date(),
          spendingLimitMinor: limit,
          spendingPeriod: 'month',
        })
        .where(eq(t.users.id, a.member)),
    );
    // The order placed for A this month is A's spending, not B's: this one goes through.
    await place(a.member, b.address, [['prd_drill', 1]]);
  });

  it('declines the checkouts it left waiting for approval', async () => {
    const c = await company();
    await withTenant(rt.database, tenant, ({ db, t }) =>
      db
        .update(t.users)
        .set({ spendingLimitMinor: 1, spendingPeriod: 'month' })
        .where(eq(t.users.id, c.other)),
    );
    await withTenant(rt.database, tenant, ({ db, t }) =>
      db
        .insert(t.cartLines)
        .values({ userId: c.other, productId: 'prd_drill', qty: 1, unitPriceSeenMinor: 0 }),
    );
    const waiting = await placeCheckout(rt.database, tenant, {
      buyerUserId: c.other,
      idempotencyKey: `k${++keys}`,
      body: { currency: 'EUR', shippingAddressId: c.address },
    });
    expect(waiting.status).toBe('awaiting_approval');
    await removeCompanyMember(rt.database, tenant, {
      companyId: c.id,
      actorUserId: c.admin,
      userId: c.other,
    });
    const [group] = await withTenant(rt.database, tenant, ({ db, t }) =>
      db.select().from(t.orderGroups).where(eq(t.orderGroups.id, waiting.groupId)),
    );
    expect(group).toMatchObject({
      status: 'declined',
      decidedByUserId: c.admin,
      decisionReason: 'The member was removed from the company',
    });
  });
});

describe('buy again', () => {
  it('adds the order lines to the caller’s cart, adding to what is there, at the current tier price', async () => {
    const c = await company();
    const [id] = await place(c.member, c.address, [['prd_drill', 3]]);
    await withTenant(rt.database, tenant, ({ db, t }) =>
      db
        .insert(t.cartLines)
        .values({ userId: c.member, productId: 'prd_drill', qty: 2, unitPriceSeenMinor: 1 }),
    );
    const result = await buyAgain(rt.database, tenant, { scope: c.scope(c.member), orderId: id as string });
    expect(result).toEqual({ added: [{ productId: 'prd_drill', qty: 3 }], skipped: [] });
    const cart = await withTenant(rt.database, tenant, ({ db, t }) =>
      db.select().from(t.cartLines).where(eq(t.cartLines.userId, c.member)),
    );
    expect(cart).toEqual([
      expect.objectContaining({ productId: 'prd_drill', qty: 5, unitPriceSeenMinor: 10_000 }),
    ]);
    expect(
      await code(buyAgain(rt.database, tenant, { scope: c.scope(c.other), orderId: id as string })),
    ).toBe('not_found');
  });
});

describe('placements and rejections at the same time', () => {
  // Both change stock (the catalog version is taken at commit, ADR 0020) and post to the ledger
  // (accounts locked in id order, ADR 0038), and share the vendor's payable and the marketplace's
  // tax and commission accounts: they must neither deadlock nor lose a delta.
  it('never deadlock, and every balance is the sum of its entries', async () => {
    const companies = await Promise.all(Array.from({ length: 8 }, () => company()));
    // Placements take stock of bolts while rejections give saws back: no product row orders them.
    await withTenant(rt.database, tenant, ({ db, t }) =>
      db.update(t.products).set({ trackStock: true, stockQty: 100_000 }).where(eq(t.products.id, 'prd_bolt')),
    );
    const first: string[] = [];
    for (const c of companies) first.push(...(await place(c.member, c.address, [['prd_saw', 2]])));
    const [saws, bolts] = [await stock('prd_saw'), await stock('prd_bolt')];
    for (let round = 0; round < 3; round++) {
      const rejecting = first.slice(round * 3, round * 3 + 3);
      await Promise.all([
        ...companies.map((c) =>
          place(c.other, c.address, [
            ['prd_bolt', 5],
            ['prd_drill', 1],
          ]),
        ),
        ...rejecting.map((orderId) =>
          rejectOrder(rt.database, tenant, { orderId, scope: vendorA, reason: 'out of saws' }),
        ),
      ]);
    }
    expect(await stock('prd_saw')).toBe((saws as number) + 8 * 2);
    expect(await stock('prd_bolt')).toBe((bolts as number) - 3 * 8 * 5);
    const drift = await withTenant(rt.database, tenant, async ({ db, t }) =>
      db.execute<{ id: string }>(sql`
        select a.id from ${t.ledgerAccounts} a
          left join (select account_id, sum(amount_minor) as s from ${t.ledgerEntries} group by account_id) e
            on e.account_id = a.id
          left join (select account_id, sum(balance_minor) as s from ${t.ledgerBalances} group by account_id) b
            on b.account_id = a.id
         where coalesce(b.s, 0) <> coalesce(e.s, 0)`),
    );
    expect(drift.rows).toEqual([]);
    for (const orderId of first)
      expect(await leftOnBooks(orderId)).toEqual({ vendor: 0, commission: 0, tax: 0 });
  });
});

const leftOnBooks = (orderId: string) =>
  withTenant(rt.database, tenant, (tx) => remainingOrderParts(tx, orderId));
