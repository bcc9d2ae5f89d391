import { createTenant, emitEvent, indexSearchEvent, PermanentJobError } from '@agora/core';
import { type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { eventually, insertCatalog } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, type WorkerHandle } from '../src/index.js';
import { createHarness, type Harness, waitForStatus } from './harness.js';

let h: Harness;
let worker: WorkerHandle;
let tenant: TenantRef;

/** A plain write in the tenant's transaction, `#` standing for its schema (no domain function yet). */
const run = (tx: TenantTx, text: string) => tx.db.execute(text.replace('#', `"${tx.tenant.schemaName}"`));

const find = async (q: string) =>
  (await h.runtime.search.search(tenant, { q, sort: 'relevance', page: 1, limit: 24 })).items.map(
    (i) => i.id,
  );

beforeAll(async () => {
  h = await createHarness();
  worker = await startWorkers(h.runtime);
  const t = await createTenant(
    h.runtime,
    { name: 'Index shop', slug: 'index-shop', ownerEmail: 'o@index.test' },
    {
      type: 'system',
      id: 'test',
    },
  );
  await waitForStatus(h, t.id, 'active');
  tenant = t;
  await insertCatalog(h.runtime.database, tenant, {
    vendors: [{ id: 'ven_1', name: 'Hydro Parts' }],
    categories: [
      { id: 'cat_1', name: 'Fluid power' },
      { id: 'cat_2', name: 'Pumps', parentId: 'cat_1' },
    ],
    products: [
      { id: 'prd_1', vendorId: 'ven_1', title: 'Hydraulic pump', categoryId: 'cat_2', basePriceMinor: 100 },
      { id: 'prd_2', vendorId: 'ven_1', title: 'Gear pump', categoryId: 'cat_2', basePriceMinor: 100 },
    ],
  });
  await h.runtime.search.reindexAll(tenant);
});
afterAll(async () => {
  await worker?.close();
  await h?.close();
});

describe('search.index.v1 through the outbox', () => {
  it('re-indexes a product changed without the in-transaction helper, from its product.changed event', async () => {
    await withTenant(h.runtime.database, tenant, async (tx) => {
      await run(tx, "update #.products set title = 'Diaphragm pump' where id = 'prd_2'");
      await emitEvent(tx, 'product.changed', { productIds: ['prd_2'] });
    });
    await eventually(async () => (await find('diaphragm')).includes('prd_2'), {
      what: 'the new title to be found',
    });
  });

  it("re-indexes a category's subtree after category.changed (names of every ancestor)", async () => {
    await withTenant(h.runtime.database, tenant, async (tx) => {
      await run(tx, "update #.categories set name = 'Hydraulics' where id = 'cat_1'");
      await emitEvent(tx, 'category.changed', { categoryIds: ['cat_1'] });
    });
    await eventually(async () => (await find('hydraulics')).sort().join() === 'prd_1,prd_2', {
      what: 'products under the renamed parent to be found by its new name',
    });
  });

  it("re-indexes all of a vendor's products after vendor.status_changed", async () => {
    await withTenant(h.runtime.database, tenant, async (tx) => {
      await run(tx, "update #.vendors set name = 'Pumpworks' where id = 'ven_1'");
      await emitEvent(tx, 'vendor.status_changed', { vendorId: 'ven_1', status: 'approved' });
    });
    await eventually(async () => (await find('pumpworks')).length === 2, {
      what: 'the vendor name to be indexed',
    });
  });

  it("re-indexes a vendor's products after its profile changes (vendor.updated)", async () => {
    await withTenant(h.runtime.database, tenant, async (tx) => {
      await run(tx, "update #.vendors set name = 'Flowmasters' where id = 'ven_1'");
      await emitEvent(tx, 'vendor.updated', { vendorId: 'ven_1' });
    });
    await eventually(async () => (await find('flowmasters')).length === 2, {
      what: 'the renamed vendor to be indexed',
    });
  });

  it('is idempotent: running the same event again writes nothing', async () => {
    const payload = {
      tenantId: tenant.id,
      outboxId: 1,
      topic: 'vendor.status_changed',
      payload: { vendorId: 'ven_1', status: 'approved' },
    };
    expect(await indexSearchEvent(h.runtime, payload)).toEqual({ products: 2, written: 0 });
    expect(await indexSearchEvent(h.runtime, { ...payload, tenantId: 'ten_doesnotexist' })).toEqual({
      products: 0,
      written: 0,
    });
    await expect(indexSearchEvent(h.runtime, { ...payload, topic: 'user.invited' })).rejects.toThrow(
      PermanentJobError,
    );
  });
});
