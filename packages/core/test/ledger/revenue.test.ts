import { CommissionRuleBody, type RevenueDashboard } from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  insertCatalog,
  insertCompany,
  type TestDatabase,
  testConfig,
} from '@agora/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  cancelOrder,
  createCommissionRule,
  createRuntime,
  createTenant,
  getRevenueDashboard,
  placeCheckout,
  postOrderReversed,
  type Runtime,
  remainingOrderParts,
  runProvisioning,
} from '../../src/index.js';

/**
 * The revenue dashboard's three views of commission (by day, by vendor, by category) all come
 * from the ledger: placed orders through real placement (commission frozen by rules), then a
 * cancellation and a partial reversal, and every view follows them and agrees with the total.
 */
let tdb: TestDatabase;
let rt: Runtime;
let tenant: TenantRef;
const OP = 'usr_operator';

beforeAll(async () => {
  tdb = await createTestDatabase();
  rt = await createRuntime(testConfig(tdb.url));
  tenant = await createTenant(
    rt,
    { name: 'Revenue', slug: 'revenue', ownerEmail: 'o@revenue.test' },
    { type: 'system', id: 'test' },
  );
  await runProvisioning(rt, tenant.id, { finalAttempt: true });
  await insertCatalog(rt.database, tenant, {
    vendors: [
      { id: 'ven_a', name: 'Alpha Tools' },
      { id: 'ven_b', name: 'Beta Fasteners' },
    ],
    categories: [
      { id: 'cat_tools', name: 'Tools' },
      { id: 'cat_bolts', name: 'Bolts' },
    ],
    products: [
      { id: 'prd_drill', vendorId: 'ven_a', title: 'Drill', basePriceMinor: 10_000, categoryId: 'cat_tools' },
      { id: 'prd_screw', vendorId: 'ven_a', title: 'Screw', basePriceMinor: 2_000, categoryId: 'cat_bolts' },
      { id: 'prd_bolt', vendorId: 'ven_b', title: 'Bolt', basePriceMinor: 5_000, categoryId: 'cat_bolts' },
    ],
  });
  await insertCompany(rt.database, tenant, {
    id: 'cmp_1',
    terms: 'prepay',
    buyerUserId: 'usr_buyer',
    addressId: 'adr_1',
  });
  // Tools 10%, Bolts 5%: every line's commission says which category earned it.
  for (const [categoryId, rateBps] of [
    ['cat_tools', 1_000],
    ['cat_bolts', 500],
  ] as const)
    await createCommissionRule(
      rt.database,
      tenant,
      OP,
      CommissionRuleBody.parse({ scope: 'category', categoryId, kind: 'percent', rateBps }),
    );
}, 60_000);

afterAll(async () => {
  await rt?.close();
  if (rt) await cleanupRedisPrefix(rt.config.redisUrl, rt.config.queuePrefix);
  await tdb?.drop();
});

let key = 0;
async function order(lines: [string, number][]) {
  await withTenant(rt.database, tenant, ({ db, t }) =>
    db
      .insert(t.cartLines)
      .values(
        lines.map(([productId, qty]) => ({ userId: 'usr_buyer', productId, qty, unitPriceSeenMinor: 0 })),
      ),
  );
  const r = await placeCheckout(rt.database, tenant, {
    buyerUserId: 'usr_buyer',
    idempotencyKey: `k${++key}`,
    body: { currency: 'EUR', shippingAddressId: 'adr_1' },
  });
  expect(r.status).toBe('placed');
  return r.orderIds;
}

const revenue = () => getRevenueDashboard(rt.database, tenant, { currency: 'EUR' });
const sum = (rows: { commissionMinor: number }[]) => rows.reduce((s, r) => s + r.commissionMinor, 0);
const byCategory = (r: RevenueDashboard) =>
  Object.fromEntries(r.byCategory.map((c) => [c.categoryName, c.commissionMinor]));
const byVendor = (r: RevenueDashboard) =>
  Object.fromEntries(r.byVendor.map((v) => [v.vendorName, v.commissionMinor]));

/** Every view of commission adds up to the ledger's total. */
function expectViewsAgree(r: RevenueDashboard) {
  expect(sum(r.byDay)).toBe(r.commissionMinor);
  expect(sum(r.byVendor)).toBe(r.commissionMinor);
  expect(sum(r.byCategory)).toBe(r.commissionMinor);
}

it('commission by category follows cancellations and partial reversals, and agrees with days and vendors', async () => {
  // Vendor A: a drill (10% of 100.00 = 10.00, Tools) and 3 screws (5% of 60.00 = 3.00, Bolts);
  // vendor B: 2 bolts (5% of 100.00 = 5.00, Bolts).
  const [first, second] = await order([
    ['prd_drill', 1],
    ['prd_screw', 3],
    ['prd_bolt', 2],
  ]);
  const orderA = first as string;
  const orderB = second as string;
  const placed = await revenue();
  expect(placed.commissionMinor).toBe(1_800);
  expect(byCategory(placed)).toEqual({ Tools: 1_000, Bolts: 800 });
  expect(byVendor(placed)).toEqual({ 'Alpha Tools': 1_300, 'Beta Fasteners': 500 });
  expectViewsAgree(placed);

  // Vendor B's order is cancelled: its 5.00 comes off Bolts, as it comes off the total.
  const ordersOf = await withTenant(rt.database, tenant, ({ db, t }) =>
    db.select({ id: t.orders.id, vendorId: t.orders.vendorId }).from(t.orders),
  );
  const ofB = ordersOf.find((o) => o.vendorId === 'ven_b')?.id as string;
  const ofA = ordersOf.find((o) => o.vendorId === 'ven_a')?.id as string;
  expect([ofA, ofB].sort()).toEqual([orderA, orderB].sort());
  await cancelOrder(rt.database, tenant, {
    orderId: ofB,
    scope: { actor: 'operator', userId: OP },
    reason: 'Out of stock at the warehouse',
  });
  const cancelled = await revenue();
  expect(cancelled.commissionMinor).toBe(1_300);
  expect(byCategory(cancelled)).toEqual({ Tools: 1_000, Bolts: 300 });
  expect(byVendor(cancelled)).toEqual({ 'Alpha Tools': 1_300, 'Beta Fasteners': 0 });
  expectViewsAgree(cancelled);

  // About half of vendor A's order is reversed (a partial refund): that part of its commission
  // comes off, split between its categories in proportion to their commission (10.00 and 3.00).
  const totalA = await withTenant(rt.database, tenant, async ({ db, t }) => {
    const [o] = await db.select({ total: t.orders.totalMinor }).from(t.orders).where(eq(t.orders.id, ofA));
    return o?.total as number;
  });
  await withTenant(rt.database, tenant, (tx) =>
    postOrderReversed(tx, ofA, { amountMinor: Math.round(totalA / 2), key: 'refund-half' }),
  );
  const left = (await withTenant(rt.database, tenant, (tx) => remainingOrderParts(tx, ofA))).commission;
  expect(left).toBeGreaterThan(600);
  expect(left).toBeLessThan(700);
  const bolts = Math.round((left * 300) / 1_300);
  const partly = await revenue();
  expect(partly.commissionMinor).toBe(left);
  expect(byCategory(partly)).toEqual({ Tools: left - bolts, Bolts: bolts });
  expect(byVendor(partly)).toEqual({ 'Alpha Tools': left, 'Beta Fasteners': 0 });
  expectViewsAgree(partly);
});

it('an order placed before the range and cancelled in it takes its commission off its categories in that range', async () => {
  const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
  await withTenant(rt.database, tenant, ({ db, t }) =>
    db
      .insert(t.cartLines)
      .values({ userId: 'usr_buyer', productId: 'prd_drill', qty: 2, unitPriceSeenMinor: 0 }),
  );
  const placed = await placeCheckout(rt.database, tenant, {
    buyerUserId: 'usr_buyer',
    idempotencyKey: 'k-earlier',
    body: { currency: 'EUR', shippingAddressId: 'adr_1' },
    now: threeDaysAgo,
  });
  expect(placed.status).toBe('placed');
  const orderId = placed.orderIds[0] as string;
  const [{ commission } = { commission: 0 }] = await withTenant(rt.database, tenant, ({ db, t }) =>
    db.select({ commission: t.orders.commissionMinor }).from(t.orders).where(eq(t.orders.id, orderId)),
  );
  expect(commission).toBe(2_000); // Tools, 10% of 200.00
  const today = (await revenue()).to;
  const inToday = () => getRevenueDashboard(rt.database, tenant, { currency: 'EUR', from: today, to: today });
  const before = await inToday();
  await cancelOrder(rt.database, tenant, {
    orderId,
    scope: { actor: 'operator', userId: OP },
    reason: 'Ordered twice by mistake',
  });
  const after = await inToday();
  expect(after.commissionMinor).toBe(before.commissionMinor - 2_000);
  expect((byCategory(after).Tools ?? 0) - (byCategory(before).Tools ?? 0)).toBe(-2_000);
  expect(byCategory(after).Bolts ?? 0).toBe(byCategory(before).Bolts ?? 0);
  expect(byVendor(after)['Alpha Tools']).toBe((byVendor(before)['Alpha Tools'] ?? 0) - 2_000);
  expectViewsAgree(before);
  expectViewsAgree(after);
  // Over the whole period the order nets to nothing in every view.
  const all = await getRevenueDashboard(rt.database, tenant, {
    currency: 'EUR',
    from: '2020-01-01',
    to: today,
  });
  expectViewsAgree(all);
  expect(all.commissionMinor).toBe(before.commissionMinor);
  expect(byCategory(all)).toEqual(byCategory(before));
});
