import { CommissionRuleBody } from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  insertCatalog,
  insertCompany,
  type TestDatabase,
  testConfig,
} from '@agora/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCommissionRule,
  createRuntime,
  createTenant,
  placeCheckout,
  type Runtime,
  runProvisioning,
} from '../../src/index.js';

/**
 * ADR 0037, "Rules in memory": placement keeps a marketplace's rules in memory under the
 * `commission_version` they were read at. These tests place orders in one process, so every
 * placement after the first is served from memory unless the version moved.
 */
let tdb: TestDatabase;
let rt: Runtime;
const tenants: Record<'a' | 'b', TenantRef> = {} as never;
const buyers: Record<'a' | 'b', string> = {} as never;

beforeAll(async () => {
  tdb = await createTestDatabase();
  rt = await createRuntime(testConfig(tdb.url));
  for (const name of ['a', 'b'] as const) {
    const tenant = await createTenant(
      rt,
      { name: `Kept ${name}`, slug: `kept-${name}`, ownerEmail: `o@kept-${name}.test` },
      { type: 'system', id: 'test' },
    );
    await runProvisioning(rt, tenant.id, { finalAttempt: true });
    // The same ids in both marketplaces: vendors, categories, products, and the default rule.
    await insertCatalog(rt.database, tenant, {
      vendors: [{ id: 'ven_1', name: 'Vendor' }],
      categories: [
        { id: 'cat_tools', name: 'Tools' },
        { id: 'cat_pumps', name: 'Pumps' },
        { id: 'cat_valves', name: 'Valves', parentId: 'cat_pumps' },
      ],
      products: [
        { id: 'prd_1', vendorId: 'ven_1', title: 'Valve', basePriceMinor: 10_000, categoryId: 'cat_valves' },
      ],
    });
    tenants[name] = tenant;
    buyers[name] = (
      await insertCompany(rt.database, tenant, { id: 'cmp_1', addressId: 'adr_1' })
    ).buyerUserId;
  }
  // Marketplace a charges 5% by default, b 9%.
  for (const [name, bps] of [
    ['a', 500],
    ['b', 900],
  ] as const)
    await withTenant(rt.database, tenants[name], ({ db, t }) =>
      db
        .update(t.commissionRuleVersions)
        .set({ rateBps: bps })
        .where(eq(t.commissionRuleVersions.ruleId, 'cmr_default')),
    );
});

afterAll(async () => {
  await rt?.close();
  if (rt) await cleanupRedisPrefix(rt.config.redisUrl, rt.config.queuePrefix);
  await tdb?.drop();
});

let key = 0;
/** Place one unit of prd_1 (€100.00 net) in a marketplace; the commission frozen on its line. */
async function commissionOf(name: 'a' | 'b'): Promise<number> {
  const tenant = tenants[name];
  await withTenant(rt.database, tenant, ({ db, t }) =>
    db
      .insert(t.cartLines)
      .values({ userId: buyers[name], productId: 'prd_1', qty: 1, unitPriceSeenMinor: 0 }),
  );
  const placed = await placeCheckout(rt.database, tenant, {
    buyerUserId: buyers[name],
    idempotencyKey: `kept-${++key}`,
    body: { currency: 'EUR', shippingAddressId: 'adr_1' },
  });
  expect(placed.status).toBe('placed');
  return withTenant(rt.database, tenant, async ({ db, t }) => {
    const [line] = await db
      .select({ amount: t.orderLines.commissionMinor })
      .from(t.orderLines)
      .where(eq(t.orderLines.orderId, placed.orderIds[0] as string));
    return line?.amount as number;
  });
}

const versionOf = (name: 'a' | 'b') =>
  withTenant(
    rt.database,
    tenants[name],
    async ({ db, t }) => (await db.select().from(t.commissionVersion))[0]?.version,
  );

describe('commission rules kept in memory', () => {
  it('never serves one marketplace’s rules to another with the same ids', async () => {
    expect(await commissionOf('a')).toBe(500);
    expect(await commissionOf('b')).toBe(900);
    expect(await commissionOf('a')).toBe(500);
    expect(await commissionOf('b')).toBe(900);
  });

  it('sees a rule changed by any code path at the next placement (the version moves at commit)', async () => {
    const before = await versionOf('a');
    // As another process (or a data migration) would: no application code involved.
    await withTenant(rt.database, tenants.a, ({ db }) =>
      db.execute(
        sql`update ${sql.identifier(tenants.a.schemaName)}.commission_rule_versions set rate_bps = 700 where rule_id = 'cmr_default'`,
      ),
    );
    expect(await versionOf('a')).toBe((before as number) + 1);
    expect(await commissionOf('a')).toBe(700);
    expect(await commissionOf('b')).toBe(900);
  });

  it('sees a new rule, and a category moved under a ruled parent, at the next placement', async () => {
    await createCommissionRule(
      rt.database,
      tenants.a,
      'usr_op',
      CommissionRuleBody.parse({
        scope: 'category',
        categoryId: 'cat_tools',
        kind: 'percent',
        rateBps: 1_200,
      }),
    );
    expect(await commissionOf('a')).toBe(700); // Valves is under Pumps, not Tools
    const before = await versionOf('a');
    await withTenant(rt.database, tenants.a, ({ db, t }) =>
      db
        .update(t.categories)
        .set({ parentId: 'cat_tools', path: '/cat_tools/cat_valves/' })
        .where(eq(t.categories.id, 'cat_valves')),
    );
    expect(await versionOf('a')).toBe((before as number) + 1);
    expect(await commissionOf('a')).toBe(1_200);
  });

  it('does not move the version when nothing a rule depends on changed', async () => {
    const before = await versionOf('a');
    await commissionOf('a');
    await withTenant(rt.database, tenants.a, ({ db, t }) =>
      db.update(t.products).set({ title: 'Valve DN50' }).where(eq(t.products.id, 'prd_1')),
    );
    expect(await versionOf('a')).toBe(before);
  });
});
