import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TenantRef, withTenant } from '@agora/db';
import type { FileStorage } from '@agora/files';
import { cleanupRedisPrefix, createTestDatabase, type TestDatabase, testConfig } from '@agora/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createRuntime,
  createTenant,
  type DemoCatalog,
  type Runtime,
  runProvisioning,
  seedDemoCatalog,
} from '../src/index.js';

const CATALOG: DemoCatalog = {
  currency: 'EUR',
  tree: { 'Fluid power': { Pumps: ['Gear pump', 'Piston pump'], Valves: ['Check valve'] } },
  vendors: [
    { name: 'Rhein Hydraulik', country: 'DE', industries: ['industrial-supplies'], status: 'approved' },
    { name: 'Nordic Fluid', country: 'SE', industries: ['industrial-supplies'], status: 'approved' },
    { name: 'Late Applicant', country: 'PL', industries: ['construction'], status: 'pending' },
  ],
  products: 8,
  palette: [
    [10, 20, 30],
    [200, 100, 50],
  ],
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

async function demoTenant(slug: string) {
  const t = await createTenant(
    rt,
    { name: slug, slug, ownerEmail: `o@${slug}.test` },
    { type: 'system', id: 'test' },
  );
  await runProvisioning(rt, t.id, { finalAttempt: true });
  return { id: t.id, schemaName: t.schemaName, slug };
}

const snapshot = (tenant: TenantRef) =>
  withTenant(rt.database, tenant, async ({ db }) => ({
    vendors: (await db.execute(sql`select name from vendors order by name`)).rows.map((r) => r.name),
    categories: (await db.execute(sql`select name from categories order by name`)).rows.map((r) => r.name),
    products: (
      await db.execute<{ sku: string; title: string; status: string; images: number; tiers: number }>(sql`
        select p.sku, p.title, p.status,
          (select count(*)::int from product_images i where i.product_id = p.id) as images,
          (select count(*)::int from price_tiers x where x.product_id = p.id) as tiers
        from products p order by p.sku`)
    ).rows,
  }));

// Same slug length: the demo's random numbers are seeded by it.
it('finishes an interrupted demo catalog on the next start, the same as an uninterrupted one', async () => {
  const whole = await demoTenant('demo-full');
  await seedDemoCatalog(rt, whole, CATALOG, () => {});
  const expected = await snapshot(whole);
  expect(expected.products).toHaveLength(8);
  expect(expected.products.every((p) => p.status === 'published' && p.images === 1 && p.tiers === 3)).toBe(
    true,
  );

  // The process "dies" storing the fifth image: four products are complete, the fifth has no image
  // and is still a draft, the rest do not exist.
  const cut = await demoTenant('demo-half');
  let puts = 0;
  const dying: FileStorage = Object.create(rt.files);
  dying.put = (key, bytes, type) => {
    if (++puts === 5) return Promise.reject(new Error('killed'));
    return rt.files.put(key, bytes, type);
  };
  await expect(seedDemoCatalog({ ...rt, files: dying }, cut, CATALOG, () => {})).rejects.toThrow('killed');
  const halfway = await snapshot(cut);
  expect(halfway.products.map((p) => [p.status, p.images])).toEqual([
    ['published', 1],
    ['published', 1],
    ['published', 1],
    ['published', 1],
    ['draft', 0],
  ]);

  await seedDemoCatalog(rt, cut, CATALOG, () => {});
  const finished = await snapshot(cut);
  // Same vendors, categories and products as the uninterrupted run: nothing twice, nothing missing.
  expect(finished.vendors).toEqual(expected.vendors);
  expect(finished.categories).toEqual(expected.categories);
  expect(
    finished.products.map(({ title, status, images, tiers }) => ({ title, status, images, tiers })),
  ).toEqual(expected.products.map(({ title, status, images, tiers }) => ({ title, status, images, tiers })));

  // A complete catalog is left alone.
  await seedDemoCatalog(rt, cut, CATALOG, () => {});
  expect(await snapshot(cut)).toEqual(finished);
});
