import { AppError } from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  insertCatalog,
  type TestDatabase,
  testConfig,
} from '@agora/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRuntime,
  createTenant,
  decideCheckoutApproval,
  placeCheckout,
  type Runtime,
  runProvisioning,
} from '../../src/index.js';

let tdb: TestDatabase;
let rt: Runtime;
let tenant: TenantRef;
const ADDRESS = 'adr_main';

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
      { id: 'ven_s', name: 'Suspended Co', status: 'suspended' },
    ],
    products: [
      {
        id: 'prd_drill',
        vendorId: 'ven_a',
        title: 'Drill',
        basePriceMinor: 10_000,
        minOrderQty: 1,
        tiers: [
          { minQty: 1, unitPriceMinor: 10_000 },
          { minQty: 10, unitPriceMinor: 9_000 },
        ],
      },
      { id: 'prd_bolt', vendorId: 'ven_b', title: 'Bolt', basePriceMinor: 25, minOrderQty: 100 },
      { id: 'prd_scarce', vendorId: 'ven_b', title: 'Scarce valve', basePriceMinor: 500, stockQty: 10 },
      { id: 'prd_draft', vendorId: 'ven_a', title: 'Draft', basePriceMinor: 100, status: 'draft' },
      { id: 'prd_susp', vendorId: 'ven_s', title: 'From a suspended vendor', basePriceMinor: 100 },
      { id: 'prd_usd', vendorId: 'ven_a', title: 'Priced in dollars', basePriceMinor: 100, currency: 'USD' },
    ],
  });
  await withTenant(rt.database, tenant, async ({ db, t }) => {
    await db.update(t.products).set({ trackStock: true }).where(eq(t.products.id, 'prd_scarce'));
    await db.update(t.products).set({ orderIncrement: 50 }).where(eq(t.products.id, 'prd_bolt'));
    await db
      .update(t.vendors)
      .set({ shippingRates: { EUR: { flatMinor: 1_500, freeFromMinor: 50_000 } } })
      .where(eq(t.vendors.id, 'ven_b'));
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
/** A company (approved unless said otherwise) with one address and its members. */
async function company(
  opts: { terms?: 'prepay' | 'net'; creditLimitMinor?: number; status?: 'approved' | 'pending' } = {},
  members: {
    role: 'buyer_admin' | 'buyer_member' | 'buyer_approver';
    limit?: [number, 'week' | 'month' | 'quarter'];
  }[] = [{ role: 'buyer_member' }],
) {
  const n = ++seq;
  const id = `cmp_${n}`;
  const users = members.map((_, i) => `usr_${n}_${i}`);
  await withTenant(rt.database, tenant, async ({ db, t }) => {
    await db.insert(t.companies).values({
      id,
      legalName: `Company ${n}`,
      country: 'DE',
      taxId: `DE${n}`,
      billingAddress: { line1: 'Street 1', city: 'Berlin', country: 'DE' },
      status: opts.status ?? 'approved',
      paymentTerms: opts.terms ?? 'prepay',
      netDays: opts.terms === 'net' ? 30 : 0,
      creditLimitMinor: opts.creditLimitMinor ?? null,
    });
    await db.insert(t.companyAddresses).values({
      id: `${ADDRESS}_${n}`,
      companyId: id,
      label: 'Main warehouse',
      address: { line1: 'Dock 4', city: 'Hamburg', country: 'DE' },
    });
    await db.insert(t.users).values(
      members.map((m, i) => ({
        id: users[i] as string,
        email: `${users[i]}@buyers.test`,
        role: m.role,
        status: 'active' as const,
        emailVerifiedAt: new Date(),
        companyId: id,
        spendingLimitMinor: m.limit?.[0] ?? null,
        spendingPeriod: m.limit?.[1] ?? null,
      })),
    );
  });
  return { id, users, address: `${ADDRESS}_${n}` };
}

async function fillCart(userId: string, lines: [string, number][]) {
  await withTenant(rt.database, tenant, async ({ db, t }) => {
    await db.delete(t.cartLines).where(eq(t.cartLines.userId, userId));
    if (lines.length)
      await db
        .insert(t.cartLines)
        .values(lines.map(([productId, qty]) => ({ userId, productId, qty, unitPriceSeenMinor: 0 })));
  });
}

const checkout = (userId: string, address: string, key: string, extra: Record<string, unknown> = {}) =>
  placeCheckout(rt.database, tenant, {
    buyerUserId: userId,
    idempotencyKey: key,
    body: { currency: 'EUR', shippingAddressId: address, ...extra },
    ...(extra.now ? { now: extra.now as Date } : {}),
  });

const count = (table: 'orders' | 'order_groups' | 'order_lines') =>
  withTenant(rt.database, tenant, async ({ db }) => {
    const r = await db.execute<{ n: string }>(sql`select count(*)::text as n from ${sql.identifier(table)}`);
    return Number(r.rows[0]?.n);
  });

const stock = (productId: string) =>
  withTenant(rt.database, tenant, async ({ db, t }) => {
    const [p] = await db
      .select({ s: t.products.stockQty })
      .from(t.products)
      .where(eq(t.products.id, productId));
    return p?.s;
  });

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
};

describe('placing a checkout', () => {
  it('places one order per vendor at tier prices, with tax per line and each vendor’s shipping', async () => {
    const c = await company();
    const buyer = c.users[0] as string;
    await fillCart(buyer, [
      ['prd_drill', 10],
      ['prd_bolt', 150],
      ['prd_usd', 1],
    ]);
    const r = await checkout(buyer, c.address, 'k-split', {
      poNumber: 'PO-77',
      notes: { ven_b: 'Dock 4 please' },
    });
    expect(r).toMatchObject({ status: 'placed', currency: 'EUR', replayed: false });
    expect(r.orderIds).toHaveLength(2);

    const orders = await withTenant(rt.database, tenant, ({ db, t }) =>
      db.select().from(t.orders).where(eq(t.orders.groupId, r.groupId)),
    );
    const a = orders.find((o) => o.vendorId === 'ven_a');
    const b = orders.find((o) => o.vendorId === 'ven_b');
    // 10 drills at the 10+ tier: 90,000 + 19% tax, no shipping rate set
    expect(a).toMatchObject({
      subtotalMinor: 90_000,
      taxMinor: 17_100,
      shippingMinor: 0,
      totalMinor: 107_100,
    });
    // 150 bolts at 0.25: 3,750 + 713 tax (712.5 rounds away from zero) + 15.00 flat shipping
    expect(b).toMatchObject({ subtotalMinor: 3_750, taxMinor: 713, shippingMinor: 1_500, totalMinor: 5_963 });
    expect(b).toMatchObject({
      poNumber: 'PO-77',
      note: 'Dock 4 please',
      shippingAddress: { city: 'Hamburg' },
    });
    expect(r.totalMinor).toBe(107_100 + 5_963);

    const lines = await withTenant(rt.database, tenant, ({ db, t }) =>
      db
        .select()
        .from(t.orderLines)
        .where(eq(t.orderLines.orderId, a?.id as string)),
    );
    expect(lines).toEqual([
      expect.objectContaining({
        productId: 'prd_drill',
        qty: 10,
        unitPriceMinor: 9_000,
        tierMinQty: 10,
        taxBps: 1900,
      }),
    ]);
    // the EUR lines left the cart; the USD line waits for its own checkout
    const cart = await withTenant(rt.database, tenant, ({ db, t }) =>
      db.select({ p: t.cartLines.productId }).from(t.cartLines).where(eq(t.cartLines.userId, buyer)),
    );
    expect(cart).toEqual([{ p: 'prd_usd' }]);
  });

  it('returns the same orders to a retried or concurrent checkout with the same key, placing nothing new', async () => {
    const c = await company();
    const buyer = c.users[0] as string;
    await fillCart(buyer, [['prd_drill', 1]]);
    const before = await count('orders');
    const results = await Promise.all(Array.from({ length: 5 }, () => checkout(buyer, c.address, 'k-retry')));
    const again = await checkout(buyer, c.address, 'k-retry');
    expect(new Set([...results, again].map((r) => r.groupId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(again).toMatchObject({ replayed: true, status: 'placed', orderIds: results[0]?.orderIds });
    expect((await count('orders')) - before).toBe(1);
  });

  it('sells exactly the stock when 50 buyers race for 10 units, and tells the rest plainly', async () => {
    const buyers = await Promise.all(Array.from({ length: 50 }, () => company()));
    await Promise.all(buyers.map((c) => fillCart(c.users[0] as string, [['prd_scarce', 1]])));
    const settled = await Promise.allSettled(
      buyers.map((c) => checkout(c.users[0] as string, c.address, 'k-race')),
    );
    const placed = settled.filter((s) => s.status === 'fulfilled');
    const refused = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason] : []));
    expect(placed).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const e of refused) {
      expect(e).toBeInstanceOf(AppError);
      expect(e).toMatchObject({ code: 'out_of_stock', message: 'Not enough stock: 0 left of 1 wanted' });
    }
    expect(await stock('prd_scarce')).toBe(0);
  });

  it('refuses a cart whose lines cannot be ordered, naming every one, and writes nothing', async () => {
    const c = await company();
    const buyer = c.users[0] as string;
    await fillCart(buyer, [
      ['prd_draft', 1],
      ['prd_susp', 1],
      ['prd_bolt', 120],
      ['prd_drill', 1],
    ]);
    const before = await count('order_groups');
    const e = await failure(checkout(buyer, c.address, 'k-bad'));
    expect(e.code).toBe('cart_changed');
    expect(e.details).toEqual({
      // in cart order (lines added together: by product id)
      lines: [
        { productId: 'prd_bolt', message: 'can be ordered at least 100, in steps of 50' },
        { productId: 'prd_draft', message: 'is no longer available' },
        { productId: 'prd_susp', message: 'is not sold at the moment: its vendor is not trading' },
      ],
    });
    expect(await count('order_groups')).toBe(before);
  });

  it('refuses a total that changed since the buyer saw it, and an address of another company', async () => {
    const c = await company();
    const other = await company();
    const buyer = c.users[0] as string;
    await fillCart(buyer, [['prd_drill', 1]]);
    const changed = await failure(checkout(buyer, c.address, 'k-total', { expectedTotalMinor: 11_000 }));
    expect(changed).toMatchObject({
      code: 'cart_changed',
      details: { expectedTotalMinor: 11_000, totalMinor: 11_900 },
    });
    const address = await failure(checkout(buyer, other.address, 'k-address'));
    expect(address.code).toBe('validation_failed');
  });

  it('refuses an order beyond the company’s available credit, with the figures', async () => {
    const c = await company({ terms: 'net', creditLimitMinor: 20_000 });
    const buyer = c.users[0] as string;
    await fillCart(buyer, [['prd_drill', 1]]);
    expect((await checkout(buyer, c.address, 'k-credit-1')).status).toBe('placed'); // 11,900 open now
    await fillCart(buyer, [['prd_drill', 1]]);
    const e = await failure(checkout(buyer, c.address, 'k-credit-2'));
    expect(e).toMatchObject({
      code: 'credit_limit_exceeded',
      details: { creditLimitMinor: 20_000, openMinor: 11_900, availableMinor: 8_100, orderMinor: 11_900 },
    });
  });

  it('refuses buyers of a company that is not approved, and users who are not buyers', async () => {
    const pending = await company({ status: 'pending' });
    await fillCart(pending.users[0] as string, [['prd_drill', 1]]);
    expect((await failure(checkout(pending.users[0] as string, pending.address, 'k-p'))).code).toBe(
      'forbidden',
    );
  });
});

describe('spending limits and approval', () => {
  const at = (iso: string) => new Date(iso);

  it('counts a member’s orders cumulatively in the period; two tabs cannot both slip under the limit', async () => {
    const c = await company({}, [
      { role: 'buyer_member', limit: [20_000, 'month'] },
      { role: 'buyer_approver' },
    ]);
    const buyer = c.users[0] as string;
    // the same cart checked out from two tabs at once: 11,900 each, 23,800 together
    await fillCart(buyer, [['prd_drill', 1]]);
    const now = at('2026-06-10T10:00:00Z');
    const tabs = await Promise.allSettled([
      checkout(buyer, c.address, 'tab-1', { now }),
      checkout(buyer, c.address, 'tab-2', { now }),
    ]);
    const placed = tabs.filter((r) => r.status === 'fulfilled' && r.value.status === 'placed');
    expect(placed).toHaveLength(1);
    // the other one waited for the first to commit and found its cart already ordered
    expect(tabs.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'validation_failed' },
    });

    await fillCart(buyer, [['prd_drill', 1]]);
    const over = await checkout(buyer, c.address, 'k-over', { now: at('2026-06-20T10:00:00Z') });
    expect(over).toMatchObject({ status: 'awaiting_approval', orderIds: [], totalMinor: 11_900 });

    // next month (Berlin time: 1 July 00:30 is 30 June 22:30 UTC) starts from zero
    await fillCart(buyer, [['prd_drill', 1]]);
    const july = await checkout(buyer, c.address, 'k-july', { now: at('2026-06-30T22:30:00Z') });
    expect(july.status).toBe('placed');
  });

  it('does not count cancelled orders', async () => {
    const c = await company({}, [{ role: 'buyer_member', limit: [12_000, 'week'] }]);
    const buyer = c.users[0] as string;
    const now = at('2026-06-10T10:00:00Z');
    await fillCart(buyer, [['prd_drill', 1]]);
    const placed = await checkout(buyer, c.address, 'w-1', { now });
    await withTenant(rt.database, tenant, ({ db, t }) =>
      db.update(t.orders).set({ status: 'cancelled' }).where(eq(t.orders.groupId, placed.groupId)),
    );
    await fillCart(buyer, [['prd_drill', 1]]);
    expect((await checkout(buyer, c.address, 'w-2', { now })).status).toBe('placed');
  });

  it('an approver places a waiting order with stock and prices checked again; a member cannot approve', async () => {
    const c = await company({}, [
      { role: 'buyer_member', limit: [100, 'month'] },
      { role: 'buyer_approver' },
    ]);
    const [buyer, approver] = c.users as [string, string];
    await fillCart(buyer, [['prd_drill', 10]]);
    const waiting = await checkout(buyer, c.address, 'k-approve');
    expect(waiting.status).toBe('awaiting_approval');

    const byBuyer = await failure(
      decideCheckoutApproval(rt.database, tenant, {
        approverUserId: buyer,
        groupId: waiting.groupId,
        approve: true,
      }),
    );
    expect(byBuyer.code).toBe('forbidden');
    const stranger = await company({}, [{ role: 'buyer_approver' }]);
    const foreign = await failure(
      decideCheckoutApproval(rt.database, tenant, {
        approverUserId: stranger.users[0] as string,
        groupId: waiting.groupId,
        approve: true,
      }),
    );
    expect(foreign.code).toBe('not_found');

    const approved = await decideCheckoutApproval(rt.database, tenant, {
      approverUserId: approver,
      groupId: waiting.groupId,
      approve: true,
    });
    expect(approved).toMatchObject({ groupId: waiting.groupId, status: 'placed', totalMinor: 107_100 });
    expect(approved.orderIds).toHaveLength(1);
    // the buyer's retry of the original checkout now finds the placed orders
    expect(await checkout(buyer, c.address, 'k-approve')).toMatchObject({
      status: 'placed',
      orderIds: approved.orderIds,
      replayed: true,
    });
    // deciding twice is refused rather than placing twice
    const twice = await failure(
      decideCheckoutApproval(rt.database, tenant, {
        approverUserId: approver,
        groupId: waiting.groupId,
        approve: false,
      }),
    );
    expect(twice.code).toBe('invalid_state');
  });

  it('a declined order keeps nothing but the decision', async () => {
    const c = await company({}, [{ role: 'buyer_member', limit: [100, 'month'] }, { role: 'buyer_admin' }]);
    const [buyer, admin] = c.users as [string, string];
    await fillCart(buyer, [['prd_scarce', 1]]);
    const stockBefore = await stock('prd_scarce');
    const waiting = await checkout(buyer, c.address, 'k-decline');
    const before = await count('orders');
    const declined = await decideCheckoutApproval(rt.database, tenant, {
      approverUserId: admin,
      groupId: waiting.groupId,
      approve: false,
    });
    expect(declined).toMatchObject({ status: 'declined', orderIds: [] });
    expect(await count('orders')).toBe(before);
    expect(await stock('prd_scarce')).toBe(stockBefore);
  });
});
