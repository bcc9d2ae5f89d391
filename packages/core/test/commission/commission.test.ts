import { AppError, CommissionRuleBody, type CommissionRuleInput } from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  insertCatalog,
  type TestDatabase,
  testConfig,
} from '@agora/testing';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCommissionRule,
  createRuntime,
  createTenant,
  explainCommission,
  listCommissionRules,
  listCommissionRuleVersions,
  placeCheckout,
  previewCommission,
  type Runtime,
  runProvisioning,
  setCommissionRuleEnabled,
  simulateCommission,
  updateCommissionRule,
} from '../../src/index.js';

let tdb: TestDatabase;
let rt: Runtime;
let tenant: TenantRef;
const OP = 'usr_operator';
const rule = (input: CommissionRuleInput) => CommissionRuleBody.parse(input);

beforeAll(async () => {
  tdb = await createTestDatabase();
  rt = await createRuntime(testConfig(tdb.url));
  tenant = await createTenant(
    rt,
    { name: 'Fees', slug: 'fees', ownerEmail: 'o@fees.test' },
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
      { id: 'cat_drills', name: 'Drills', parentId: 'cat_tools' },
    ],
    products: [
      {
        id: 'prd_drill',
        vendorId: 'ven_a',
        title: 'Drill',
        basePriceMinor: 10_000,
        categoryId: 'cat_drills',
      },
      { id: 'prd_bolt', vendorId: 'ven_b', title: 'Bolt', basePriceMinor: 25, minOrderQty: 100 },
    ],
  });
  await withTenant(rt.database, tenant, async ({ db, t }) => {
    await db.insert(t.companies).values({
      id: 'cmp_1',
      legalName: 'Buyer Co',
      country: 'DE',
      taxId: 'DE1',
      billingAddress: { line1: 'Street 1', city: 'Berlin', country: 'DE' },
      status: 'approved',
      paymentTerms: 'prepay',
      netDays: 0,
    });
    await db.insert(t.companyAddresses).values({
      id: 'adr_1',
      companyId: 'cmp_1',
      label: 'Main',
      address: { line1: 'Dock 4', city: 'Hamburg', country: 'DE' },
    });
    await db.insert(t.users).values({
      id: 'usr_buyer',
      email: 'buyer@buyers.test',
      role: 'buyer_member',
      status: 'active',
      emailVerifiedAt: new Date(),
      companyId: 'cmp_1',
    });
  });
});

afterAll(async () => {
  await rt?.close();
  if (rt) await cleanupRedisPrefix(rt.config.redisUrl, rt.config.queuePrefix);
  await tdb?.drop();
});

let key = 0;
async function order(lines: [string, number][], now: Date) {
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
    now,
  });
  expect(r.status).toBe('placed');
  return r.orderIds;
}

const frozen = (orderIds: string[]) =>
  withTenant(rt.database, tenant, async ({ db, t }) => ({
    lines: await db
      .select({
        productId: t.orderLines.productId,
        amount: t.orderLines.commissionMinor,
        ruleId: t.orderLines.commissionRuleId,
        version: t.orderLines.commissionRuleVersion,
        base: t.orderLines.commissionBaseMinor,
        rateBps: t.orderLines.commissionRateBps,
        flat: t.orderLines.commissionFlatMinor,
        cap: t.orderLines.commissionCap,
      })
      .from(t.orderLines)
      .innerJoin(t.orders, eq(t.orders.id, t.orderLines.orderId))
      .where(
        eq(
          t.orders.groupId,
          (await db.select({ g: t.orders.groupId }).from(t.orders).where(eq(t.orders.id, orderIds[0]!)))[0]!
            .g,
        ),
      )
      .orderBy(asc(t.orderLines.productId)),
    orders: await db
      .select({ vendorId: t.orders.vendorId, commission: t.orders.commissionMinor })
      .from(t.orders)
      .where(
        eq(
          t.orders.groupId,
          (await db.select({ g: t.orders.groupId }).from(t.orders).where(eq(t.orders.id, orderIds[0]!)))[0]!
            .g,
        ),
      )
      .orderBy(asc(t.orders.vendorId)),
  }));

const DAY = 86_400_000;
const T = new Date(Date.now() - 10 * DAY);
let categoryRule: string;
let firstOrder: string[];

describe('commission at placement', () => {
  it('every marketplace starts with a 0% default rule, frozen on lines placed under it', async () => {
    const rules = await listCommissionRules(rt.database, tenant, { limit: 20 });
    expect(rules.data).toEqual([
      expect.objectContaining({ id: 'cmr_default', isDefault: true, rateBps: 0, enabled: true }),
    ]);
    const ids = await order([['prd_bolt', 100]], new Date(T.getTime() - 5 * DAY));
    expect((await frozen(ids)).lines).toEqual([
      {
        productId: 'prd_bolt',
        amount: 0,
        ruleId: 'cmr_default',
        version: 1,
        base: 2_500,
        rateBps: 0,
        flat: null,
        cap: 'none',
      },
    ]);
  });

  it('freezes the winning rule, its version, base, rate and cap on each line, and the sum on the order', async () => {
    await updateCommissionRule(
      rt.database,
      tenant,
      OP,
      'cmr_default',
      rule({ scope: 'marketplace', kind: 'percent', rateBps: 500 }),
    );
    const cat = await createCommissionRule(
      rt.database,
      tenant,
      OP,
      rule({
        scope: 'category',
        categoryId: 'cat_tools',
        kind: 'percent',
        rateBps: 1_000,
        maxAmounts: { EUR: 1_500 },
      }),
    );
    categoryRule = cat.id;
    firstOrder = await order(
      [
        ['prd_drill', 2],
        ['prd_bolt', 100],
      ],
      T,
    );
    const { lines, orders } = await frozen(firstOrder);
    expect(lines).toEqual([
      {
        productId: 'prd_bolt',
        amount: 125,
        ruleId: 'cmr_default',
        version: 2,
        base: 2_500,
        rateBps: 500,
        flat: null,
        cap: 'none',
      },
      // 10% of 200.00 is 20.00, capped at 15.00 by the category rule (a drill is in Tools > Drills).
      {
        productId: 'prd_drill',
        amount: 1_500,
        ruleId: cat.id,
        version: 1,
        base: 20_000,
        rateBps: 1_000,
        flat: null,
        cap: 'max',
      },
    ]);
    expect(orders).toEqual([
      { vendorId: 'ven_a', commission: 1_500 },
      { vendorId: 'ven_b', commission: 125 },
    ]);
  });

  it('a later edit makes a new version for new orders and leaves placed orders as they were', async () => {
    const edited = await updateCommissionRule(
      rt.database,
      tenant,
      OP,
      categoryRule,
      rule({
        scope: 'category',
        categoryId: 'cat_tools',
        kind: 'percent',
        rateBps: 2_000,
        maxAmounts: { EUR: 10_000 },
      }),
    );
    expect(edited.version).toBe(2);
    // The same body again is a retry: no third version.
    await updateCommissionRule(
      rt.database,
      tenant,
      OP,
      categoryRule,
      rule({
        scope: 'category',
        categoryId: 'cat_tools',
        kind: 'percent',
        rateBps: 2_000,
        maxAmounts: { EUR: 10_000 },
      }),
    );
    expect(
      (await listCommissionRuleVersions(rt.database, tenant, categoryRule)).data.map((v) => v.version),
    ).toEqual([2, 1]);
    const later = await order([['prd_drill', 2]], new Date(T.getTime() + DAY));
    expect((await frozen(later)).lines[0]).toMatchObject({ amount: 4_000, version: 2, cap: 'none' });
    expect((await frozen(firstOrder)).lines[1]).toMatchObject({ amount: 1_500, version: 1, cap: 'max' });
  });

  it('a vendor GMV condition applies once the vendor’s trailing 30 days reach the threshold', async () => {
    // ven_a has 400.00 of orders in the last 30 days before T + 2 days.
    const tiered = await createCommissionRule(
      rt.database,
      tenant,
      OP,
      rule({
        scope: 'product',
        productId: 'prd_drill',
        kind: 'flat_per_unit',
        amounts: { EUR: 700 },
        vendorGmv30dMinMinor: { EUR: 40_001 },
      }),
    );
    const below = await order([['prd_drill', 1]], new Date(T.getTime() + 2 * DAY));
    expect((await frozen(below)).lines[0]).toMatchObject({ ruleId: categoryRule, amount: 2_000 });
    const above = await order([['prd_drill', 1]], new Date(T.getTime() + 3 * DAY));
    expect((await frozen(above)).lines[0]).toMatchObject({ ruleId: tiered.id, amount: 700, flat: 700 });
    await setCommissionRuleEnabled(rt.database, tenant, OP, tiered.id, false);
  });
});

describe('explain and preview', () => {
  it('explains every candidate and why it won, lost or did not apply', async () => {
    const e = await explainCommission(rt.database, tenant, { productId: 'prd_drill', qty: 2 });
    expect(e).toMatchObject({ netMinor: 20_000, commission: { amountMinor: 4_000, ruleId: categoryRule } });
    const byRule = Object.fromEntries(e.candidates.map((c) => [c.rule?.id, c]));
    expect(byRule[categoryRule]).toMatchObject({ outcome: 'won', reason: 'won', amountMinor: 4_000 });
    expect(byRule.cmr_default).toMatchObject({
      outcome: 'lost',
      reason: 'less_specific',
      amountMinor: 1_000,
      lostTo: categoryRule,
    });
    expect(e.candidates.find((c) => c.rule?.productId === 'prd_drill')).toMatchObject({
      outcome: 'not_applicable',
      reason: 'disabled',
    });
  });

  it('previews a draft rule on a product and says whether it would win', async () => {
    const p = await previewCommission(rt.database, tenant, {
      productId: 'prd_drill',
      qty: 2,
      rule: { scope: 'vendor', vendorId: 'ven_a', kind: 'flat_per_line', amounts: { EUR: 99 } },
    });
    expect(p).toMatchObject({
      currentAmountMinor: 4_000,
      draftAmountMinor: 99,
      draftWins: false,
      draftReason: 'less_specific',
    });
    const q = await previewCommission(rt.database, tenant, {
      productId: 'prd_drill',
      qty: 2,
      ruleId: categoryRule,
      rule: {
        scope: 'category',
        categoryId: 'cat_drills',
        kind: 'percent',
        rateBps: 300,
        minAmounts: { EUR: 700 },
      },
    });
    expect(q).toMatchObject({
      draftAmountMinor: 700,
      draftCap: 'min',
      draftWins: true,
      commission: { amountMinor: 700 },
    });
  });

  it('refuses a quantity the product cannot be ordered in, by field', async () => {
    const e = await explainCommission(rt.database, tenant, { productId: 'prd_bolt', qty: 3 }).catch((x) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e.details.fields[0].path).toBe('qty');
  });
});

describe('simulate', () => {
  it('computes before, after and difference per vendor over the range, against a hand count', async () => {
    // In range: the 2 lines of firstOrder (drill 2 = 200.00, bolt 100 = 25.00), drill 2 at T+1,
    // drill 1 at T+2 and T+3. Rules now: Tools 20% (max 100.00), default 5%.
    const s = await simulateCommission(rt.database, tenant, {
      from: new Date(T.getTime() - DAY),
      to: new Date(T.getTime() + 4 * DAY),
      changes: [
        { action: 'disable', ruleId: categoryRule },
        {
          action: 'add',
          rule: rule({ scope: 'vendor', vendorId: 'ven_b', kind: 'flat_per_line', amounts: { EUR: 300 } }),
        },
      ],
    });
    const a = s.vendors.find((v) => v.vendorId === 'ven_a');
    const b = s.vendors.find((v) => v.vendorId === 'ven_b');
    // ven_a before: 4000 + 4000 + 2000 + 2000 = 12000; after (default 5%): 1000 + 1000 + 500 + 500 = 3000;
    // charged: 1500 + 4000 + 2000 + 700.
    expect(a).toMatchObject({
      vendorName: 'Alpha Tools',
      lines: 4,
      beforeMinor: 12_000,
      afterMinor: 3_000,
      diffMinor: -9_000,
      chargedMinor: 8_200,
    });
    // ven_b before: 125 (5% of 25.00); after: the flat 3.00 vendor rule.
    expect(b).toMatchObject({
      lines: 1,
      beforeMinor: 125,
      afterMinor: 300,
      diffMinor: 175,
      chargedMinor: 125,
    });
    expect(s.totals).toEqual([
      {
        currency: 'EUR',
        lines: 5,
        beforeMinor: 12_125,
        afterMinor: 3_300,
        diffMinor: -8_825,
        chargedMinor: 8_325,
      },
    ]);
    // Nothing changed.
    expect(
      (await listCommissionRules(rt.database, tenant, { limit: 20, enabled: 'true' })).data.map((r) => r.id),
    ).toContain(categoryRule);
  });

  it('evaluates GMV conditions with each order’s own trailing 30 days', async () => {
    const s = await simulateCommission(rt.database, tenant, {
      from: new Date(T.getTime() - DAY),
      to: new Date(T.getTime() + 4 * DAY),
      changes: [
        {
          action: 'add',
          rule: rule({
            scope: 'product',
            productId: 'prd_drill',
            kind: 'flat_per_unit',
            amounts: { EUR: 700 },
            vendorGmv30dMinMinor: { EUR: 40_001 },
          }),
        },
      ],
    });
    // Only the drill at T+3 (ven_a had 500.00 before it) meets the condition: 2000 -> 700.
    expect(s.vendors.find((v) => v.vendorId === 'ven_a')).toMatchObject({
      beforeMinor: 12_000,
      afterMinor: 10_700,
    });
    // The same condition on a vendor's own rule (GMV computed for that vendor only): the same answer.
    const own = await simulateCommission(rt.database, tenant, {
      from: new Date(T.getTime() - DAY),
      to: new Date(T.getTime() + 4 * DAY),
      changes: [
        {
          action: 'add',
          rule: rule({
            scope: 'vendor_category',
            vendorId: 'ven_a',
            categoryId: 'cat_drills',
            kind: 'flat_per_unit',
            amounts: { EUR: 700 },
            vendorGmv30dMinMinor: { EUR: 40_001 },
          }),
        },
      ],
    });
    expect(own.vendors.find((v) => v.vendorId === 'ven_a')).toMatchObject({
      beforeMinor: 12_000,
      afterMinor: 10_700,
    });
  });

  it('refuses a draft naming a rule that does not exist, or disabling the default, by field', async () => {
    const e = await simulateCommission(rt.database, tenant, {
      changes: [{ action: 'disable', ruleId: 'cmr_default' }],
    }).catch((x) => x);
    expect(e.details.fields[0].path).toBe('changes.0.ruleId');
    const f = await simulateCommission(rt.database, tenant, {
      changes: [{ action: 'enable', ruleId: 'cmr_nope' }],
    }).catch((x) => x);
    expect(f.details.fields[0].path).toBe('changes.0.ruleId');
  });
});
