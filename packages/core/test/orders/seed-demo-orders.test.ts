import { type TenantRef, withTenant } from '@agora/db';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  insertCatalog,
  type TestDatabase,
  testConfig,
} from '@agora/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createRuntime,
  createTenant,
  type Runtime,
  runProvisioning,
  seedDemoOrders,
} from '../../src/index.js';

let tdb: TestDatabase;
let rt: Runtime;
let tenant: TenantRef & { slug: string };

beforeAll(async () => {
  tdb = await createTestDatabase();
  rt = await createRuntime(testConfig(tdb.url));
  const created = await createTenant(
    rt,
    { name: 'Demo', slug: 'demo', ownerEmail: 'o@demo.test' },
    { type: 'system', id: 'test' },
  );
  await runProvisioning(rt, created.id, { finalAttempt: true });
  tenant = { ...created, slug: 'demo' };
  await insertCatalog(rt.database, tenant, {
    vendors: [
      { id: 'ven_1', name: 'One Tools' },
      { id: 'ven_2', name: 'Two Parts' },
    ],
    products: [
      { id: 'prd_1', vendorId: 'ven_1', title: 'Hammer', basePriceMinor: 1_500, minOrderQty: 2 },
      { id: 'prd_2', vendorId: 'ven_2', title: 'Nail', basePriceMinor: 10, minOrderQty: 100 },
    ],
  });
  await withTenant(rt.database, tenant, ({ db, t }) =>
    db.insert(t.users).values([
      { id: 'usr_v1', email: 'v1@demo.test', role: 'vendor_admin', status: 'active', vendorId: 'ven_1' },
      { id: 'usr_v2', email: 'v2@demo.test', role: 'vendor_admin', status: 'active', vendorId: 'ven_2' },
    ]),
  );
}, 60_000);

afterAll(async () => {
  await rt?.close();
  if (rt) await cleanupRedisPrefix(rt.config.redisUrl, rt.config.queuePrefix);
  await tdb?.drop();
});

const counts = () =>
  withTenant(rt.database, tenant, async ({ db }) => {
    const r = await db.execute<{ status: string; n: number }>(
      sql`select status, count(*)::int as n from orders group by status order by status`,
    );
    const other = await db.execute<{ c: number; u: number; s: number; e: number; i: number; a: number }>(sql`
      select (select count(*)::int from companies) as c, (select count(*)::int from users where company_id is not null) as u,
             (select count(*)::int from shipments) as s, (select count(*)::int from tracking_events) as e,
             (select count(*)::int from invoices) as i, (select count(*)::int from audit_log) as a`);
    return { orders: Object.fromEntries(r.rows.map((x) => [x.status, x.n])), ...other.rows[0] };
  });

it('seeds two companies with members and orders in every state, and adds nothing the second time', async () => {
  await seedDemoOrders(rt, tenant, 'EUR', () => {});
  const first = await counts();
  expect(Object.keys(first.orders).sort()).toEqual(
    ['accepted', 'cancelled', 'completed', 'delivered', 'placed', 'rejected', 'shipped'].sort(),
  );
  expect(first.c).toBe(2);
  expect(first.u).toBe(6);
  expect(first.s).toBeGreaterThan(0);
  expect(first.e).toBeGreaterThan(0);
  await seedDemoOrders(rt, tenant, 'EUR', () => {});
  expect(await counts()).toEqual(first);
});
