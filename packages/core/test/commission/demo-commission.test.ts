import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withTenant } from '@agora/db';
import { cleanupRedisPrefix, createTestDatabase, type TestDatabase, testConfig } from '@agora/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createRuntime,
  createTenant,
  type DemoCatalog,
  explainCommission,
  listCommissionRules,
  type Runtime,
  runProvisioning,
  seedDemoCatalog,
  seedDemoCommission,
  seedDemoMarketplace,
} from '../../src/index.js';

const CATALOG: DemoCatalog = {
  currency: 'EUR',
  tree: {
    'Fluid power': { Pumps: ['Gear pump', 'Piston pump'], Valves: ['Check valve'] },
    Fasteners: { Bolts: ['Hex bolt'] },
  },
  vendors: [
    { name: 'Rhein Hydraulik', country: 'DE', industries: ['industrial-supplies'], status: 'approved' },
    { name: 'Nordic Fluid', country: 'SE', industries: ['industrial-supplies'], status: 'approved' },
    { name: 'Polska Tools', country: 'PL', industries: ['industrial-supplies'], status: 'approved' },
  ],
  products: 12,
  palette: [[10, 20, 30]],
};

let tdb: TestDatabase;
let rt: Runtime;
let dataDir: string;
beforeAll(async () => {
  tdb = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'agora-demo-'));
  rt = await createRuntime(testConfig(tdb.url, { AGORA_DATA_DIR: dataDir }));
});
afterAll(async () => {
  await rt?.close();
  if (rt) await cleanupRedisPrefix(rt.config.redisUrl, rt.config.queuePrefix);
  await tdb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('seeds rules of every scope on a demo marketplace, once', async () => {
  const t = await createTenant(
    rt,
    { name: 'Demo', slug: 'demo', ownerEmail: 'o@demo.test' },
    { type: 'system', id: 'test' },
  );
  await runProvisioning(rt, t.id, { finalAttempt: true });
  const tenant = { id: t.id, schemaName: t.schemaName, slug: 'demo' };
  await seedDemoCatalog(rt, tenant, CATALOG, () => {});
  await seedDemoCommission(rt, [{ slug: 'demo', currency: 'EUR' }]);
  await seedDemoCommission(rt, [{ slug: 'demo', currency: 'EUR' }]);
  const rules = (await listCommissionRules(rt.database, tenant, { limit: 100 })).data;
  expect(rules).toHaveLength(9);
  expect(new Set(rules.map((r) => r.scope))).toEqual(
    new Set(['marketplace', 'vendor', 'category', 'vendor_category', 'product']),
  );
  expect(rules.find((r) => r.isDefault)).toMatchObject({ rateBps: 800, version: 2 });
  expect(rules.some((r) => r.vendorGmv30dMinMinor)).toBe(true);
  expect(rules.some((r) => !r.enabled)).toBe(true);
  const product = rules.find((r) => r.scope === 'product')?.productId as string;
  const explained = await explainCommission(rt.database, tenant, { productId: product, qty: 100 });
  expect(explained.commission.ruleId).toBe(rules.find((r) => r.scope === 'product')?.id);
});

it('seeds a demo marketplace’s rules before its orders, so the demo orders’ commissions differ', async () => {
  const t = await createTenant(
    rt,
    { name: 'Market', slug: 'market', ownerEmail: 'o@market.test' },
    { type: 'system', id: 'test' },
  );
  await runProvisioning(rt, t.id, { finalAttempt: true });
  const tenant = { id: t.id, schemaName: t.schemaName, slug: 'market' };
  await seedDemoMarketplace(rt, tenant, CATALOG);
  const rules = (await listCommissionRules(rt.database, tenant, { limit: 100 })).data;
  // Every scope, every kind, a vendor GMV tier and dates.
  expect(new Set(rules.map((r) => r.scope))).toEqual(
    new Set(['marketplace', 'vendor', 'category', 'vendor_category', 'product']),
  );
  expect(new Set(rules.map((r) => r.kind))).toEqual(new Set(['percent', 'flat_per_unit', 'flat_per_line']));
  expect(rules.some((r) => r.scope === 'vendor' && r.vendorGmv30dMinMinor?.EUR)).toBe(true);
  expect(rules.some((r) => r.validFrom && r.validTo)).toBe(true);
  const lines = await withTenant(
    rt.database,
    tenant,
    async ({ db }) =>
      (
        await db.execute(
          `select l.order_id as "orderId", l.commission_rule_id as "ruleId", l.commission_rule_version as version,
                l.commission_minor as amount, o.commission_minor as "orderAmount"
           from "${tenant.schemaName}".order_lines l
           join "${tenant.schemaName}".orders o on o.id = l.order_id`,
        )
      ).rows as { orderId: string; ruleId: string; version: number; amount: string; orderAmount: string }[],
  );
  expect(lines.length).toBeGreaterThan(5);
  // None placed under the migration's 0% default: the rules were there first.
  expect(lines.filter((l) => l.ruleId === 'cmr_default' && l.version === 1)).toEqual([]);
  expect(new Set(lines.map((l) => l.ruleId)).size).toBeGreaterThanOrEqual(2);
  const orderCommissions = new Set(lines.map((l) => Number(l.orderAmount)));
  expect(orderCommissions.size).toBeGreaterThanOrEqual(2);
  expect([...orderCommissions].every((c) => c > 0)).toBe(true);
}, 120_000);
