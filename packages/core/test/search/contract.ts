import type { TenantRef } from '@agora/db';
import { withTenant } from '@agora/db';
import { type FixtureProduct, insertCatalog } from '@agora/testing';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime, SearchEngine, SearchQuery, SearchResult } from '../../src/index.js';

/**
 * The behaviour every SearchEngine owes, run against PostgreSQL always and against
 * Meilisearch when MEILI_URL is set. Two tenants: A with a small catalog covering every filter,
 * B with a look-alike product that A's searches must never see.
 */
export type ContractSetup = {
  runtime: Runtime;
  engine: SearchEngine;
  /** Provision a tenant (schema, role, migrations). */
  tenant(slug: string): Promise<TenantRef>;
  /**
   * What the indexing job would do after direct writes. Engines that read the database at
   * query time (PostgreSQL) must pass the contract without it: `live` says which.
   */
  sync(tenant: TenantRef, productIds: string[]): Promise<void>;
  live: boolean;
};

const day = (d: number) => new Date(Date.UTC(2026, 0, d));

export const PRODUCTS_A: FixtureProduct[] = [
  {
    id: 'prd_p1',
    vendorId: 'ven_a1',
    title: 'Hydraulic pump 12V',
    sku: 'HP-100',
    description: 'Compact hydraulic power unit for lifts.',
    categoryId: 'cat_hpumps',
    stockQty: 50,
    basePriceMinor: 10_000,
    tiers: [
      { minQty: 1, unitPriceMinor: 10_000 },
      { minQty: 10, unitPriceMinor: 9_000 },
      { minQty: 100, unitPriceMinor: 8_000 },
    ],
    attributes: [{ name: 'Voltage', value: '12V' }],
    imageKeys: ['tenants/a/products/p1/front.jpg', 'tenants/a/products/p1/side.jpg'],
    publishedAt: day(1),
  },
  {
    id: 'prd_p2',
    vendorId: 'ven_a1',
    title: 'Hydraulic gear pump 24V',
    sku: 'HP-200',
    categoryId: 'cat_hpumps',
    minOrderQty: 5,
    stockQty: 0,
    basePriceMinor: 20_000,
    tiers: [
      { minQty: 5, unitPriceMinor: 20_000 },
      { minQty: 50, unitPriceMinor: 15_000 },
    ],
    publishedAt: day(3),
  },
  {
    id: 'prd_p3',
    vendorId: 'ven_a2',
    title: 'Centrifugal water pump',
    sku: 'CP-300',
    description: 'Moves clean water. Not for hydraulic systems.',
    categoryId: 'cat_pumps',
    stockQty: 10,
    basePriceMinor: 5_000,
    publishedAt: day(2),
  },
  {
    id: 'prd_v1',
    vendorId: 'ven_a2',
    title: 'Brass ball valve 1/2 inch',
    sku: 'BV-12',
    categoryId: 'cat_valves',
    minOrderQty: 10,
    stockQty: 100,
    basePriceMinor: 800,
    tiers: [
      { minQty: 10, unitPriceMinor: 800 },
      { minQty: 100, unitPriceMinor: 700 },
    ],
    attributes: [{ name: 'Material', value: 'Brass' }],
    publishedAt: day(4),
  },
  {
    id: 'prd_b1',
    vendorId: 'ven_a2',
    title: 'Hex bolt M8 zinc plated',
    sku: 'HB-M8',
    categoryId: 'cat_fast',
    minOrderQty: 100,
    stockQty: 1000,
    basePriceMinor: 20,
    publishedAt: day(5),
  },
  {
    id: 'prd_s1',
    vendorId: 'ven_a3',
    title: 'Hydraulic pump seal kit',
    sku: 'SK-1',
    categoryId: 'cat_pumps',
    stockQty: 5,
    basePriceMinor: 1_500,
    publishedAt: day(6),
  },
  { id: 'prd_d1', vendorId: 'ven_a1', title: 'Hydraulic pump prototype', basePriceMinor: 1, status: 'draft' },
  {
    id: 'prd_x1',
    vendorId: 'ven_a1',
    title: 'Hydraulic pump discontinued',
    basePriceMinor: 1,
    status: 'archived',
    publishedAt: day(1),
  },
  {
    id: 'prd_n1',
    vendorId: 'ven_a4',
    title: 'Hydraulic pump from a pending vendor',
    basePriceMinor: 1,
    publishedAt: day(1),
  },
];

const VISIBLE_A = ['prd_p1', 'prd_p2', 'prd_p3', 'prd_v1', 'prd_b1', 'prd_s1'];

export function searchContract(name: string, setup: () => Promise<ContractSetup>) {
  describe(`search contract: ${name}`, () => {
    let s: ContractSetup;
    let a: TenantRef;
    let b: TenantRef;

    const search = (tenant: TenantRef, query: Partial<SearchQuery>): Promise<SearchResult> =>
      s.engine.search(tenant, { sort: 'relevance', page: 1, limit: 24, ...query });
    const ids = (r: SearchResult) => r.items.map((i) => i.id);
    const setVendorStatus = (vendorId: string, status: 'approved' | 'suspended') =>
      withTenant(s.runtime.database, a, ({ db, t }) =>
        db.update(t.vendors).set({ status }).where(eq(t.vendors.id, vendorId)),
      );
    const setProductStatus = (productId: string, status: 'published' | 'draft') =>
      withTenant(s.runtime.database, a, ({ db, t }) =>
        db
          .update(t.products)
          .set({ status, publishedAt: status === 'published' ? day(7) : null })
          .where(eq(t.products.id, productId)),
      );

    beforeAll(async () => {
      s = await setup();
      a = await s.tenant('contract-a');
      b = await s.tenant('contract-b');
      await insertCatalog(s.runtime.database, a, {
        vendors: [
          { id: 'ven_a1', name: 'Hydro Parts GmbH', verified: true },
          { id: 'ven_a2', name: 'Fastening Supply Ltd' },
          { id: 'ven_a3', name: 'Seal Traders' },
          { id: 'ven_a4', name: 'Pending Co', status: 'pending' },
        ],
        categories: [
          { id: 'cat_fluid', name: 'Fluid power' },
          { id: 'cat_pumps', name: 'Pumps', parentId: 'cat_fluid' },
          { id: 'cat_hpumps', name: 'Hydraulic pumps', parentId: 'cat_pumps' },
          { id: 'cat_valves', name: 'Valves', parentId: 'cat_fluid' },
          { id: 'cat_fast', name: 'Fasteners' },
        ],
        products: PRODUCTS_A,
      });
      await insertCatalog(s.runtime.database, b, {
        vendors: [{ id: 'ven_b1', name: 'Beta Hydraulics' }],
        categories: [{ id: 'cat_b', name: 'Pumps' }],
        products: [
          {
            id: 'prd_b_pump',
            vendorId: 'ven_b1',
            title: 'Hydraulic pump 12V (tenant B)',
            categoryId: 'cat_b',
            stockQty: 9,
            basePriceMinor: 9_500,
          },
        ],
      });
      await s.engine.reindexAll(a);
      await s.engine.reindexAll(b);
    });

    describe('relevance', () => {
      it('finds products by one word, only published ones of approved vendors', async () => {
        const r = await search(a, { q: 'pump' });
        expect(ids(r).sort()).toEqual(['prd_p1', 'prd_p2', 'prd_p3', 'prd_s1']);
        expect(r.total).toBe(4);
      });

      it('needs every word of two, and ranks title matches above description matches', async () => {
        const r = await search(a, { q: 'hydraulic pump' });
        expect(ids(r)).toContain('prd_p3'); // "hydraulic" is only in its description
        expect(ids(r).slice(0, 3).sort()).toEqual(['prd_p1', 'prd_p2', 'prd_s1']);
        expect(ids(r).at(-1)).toBe('prd_p3');
      });

      it('finds "hydraulic pump" when it is typed "hydralic pump"', async () => {
        const r = await search(a, { q: 'hydralic pump' });
        expect(ids(r)).toEqual(expect.arrayContaining(['prd_p1', 'prd_p2', 'prd_s1']));
        expect(ids(r)).not.toContain('prd_b1');
      });

      it('finds a one-word typo, and matches SKUs and attribute values', async () => {
        expect(ids(await search(a, { q: 'hydralic' }))).toEqual(expect.arrayContaining(['prd_p1', 'prd_p2']));
        expect(ids(await search(a, { q: 'HP-200' }))[0]).toBe('prd_p2');
        expect(ids(await search(a, { q: 'brass' }))).toEqual(['prd_v1']);
      });

      it('finds words typed with a letter swapped, added, left out or replaced', async () => {
        for (const q of ['hydrualic', 'hydraullic', 'hydrulic', 'hydroulic'])
          expect(ids(await search(a, { q }))).toEqual(expect.arrayContaining(['prd_p1', 'prd_p2', 'prd_s1']));
        expect(ids(await search(a, { q: 'vlave' }))).toEqual(['prd_v1']);
        expect(ids(await search(a, { q: 'brsas' }))).toEqual(['prd_v1']);
      });

      it('leaves out a last word that matches nothing and shows what the others find', async () => {
        expect(ids(await search(a, { q: 'hydraulic pmp' }))).toEqual(
          expect.arrayContaining(['prd_p1', 'prd_p2', 'prd_s1']),
        );
      });

      it('matches vendor and category names', async () => {
        expect(ids(await search(a, { q: 'fastening' })).sort()).toEqual(['prd_b1', 'prd_p3', 'prd_v1']);
        expect(ids(await search(a, { q: 'valves' }))).toEqual(['prd_v1']);
      });

      it('returns the result shape: vendor, category, unit price at the MOQ, first image', async () => {
        const [hit] = (await search(a, { q: 'hydraulic pump 12V' })).items;
        expect(hit).toEqual({
          id: 'prd_p1',
          title: 'Hydraulic pump 12V',
          sku: 'HP-100',
          vendor: { id: 'ven_a1', name: 'Hydro Parts GmbH', verified: true },
          category: { id: 'cat_hpumps', name: 'Hydraulic pumps' },
          unit: 'piece',
          minOrderQty: 1,
          stockQty: 50,
          inStock: true,
          priceQty: 1,
          unitPriceMinor: 10_000,
          basePriceMinor: 10_000,
          currency: 'EUR',
          imageKey: 'tenants/a/products/p1/front.jpg',
          publishedAt: day(1).toISOString(),
        });
      });
    });

    describe('filters', () => {
      it('filters by a category including its sub-categories', async () => {
        expect(ids(await search(a, { categoryId: 'cat_fluid' })).sort()).toEqual(
          ['prd_p1', 'prd_p2', 'prd_p3', 'prd_s1', 'prd_v1'].sort(),
        );
        expect(ids(await search(a, { categoryId: 'cat_pumps' })).sort()).toEqual([
          'prd_p1',
          'prd_p2',
          'prd_p3',
          'prd_s1',
        ]);
        expect(ids(await search(a, { categoryId: 'cat_hpumps', q: 'pump' })).sort()).toEqual([
          'prd_p1',
          'prd_p2',
        ]);
      });

      it('filters by vendor', async () => {
        expect(ids(await search(a, { vendorId: 'ven_a2' })).sort()).toEqual(['prd_b1', 'prd_p3', 'prd_v1']);
      });

      it('filters by stock covering the MOQ', async () => {
        expect(ids(await search(a, { q: 'pump', inStock: true })).sort()).toEqual([
          'prd_p1',
          'prd_p3',
          'prd_s1',
        ]);
        expect(ids(await search(a, { q: 'pump', inStock: false }))).toEqual(['prd_p2']);
      });

      it('filters by unit price at the MOQ by default', async () => {
        const r = await search(a, { priceMin: 1_000, priceMax: 12_000 });
        expect(ids(r).sort()).toEqual(['prd_p1', 'prd_p3', 'prd_s1']);
      });

      it('filters and quotes prices at a given quantity, using the volume tier in effect', async () => {
        const at10 = await search(a, { q: 'pump', qty: 10, priceMin: 8_500, priceMax: 9_500 });
        expect(ids(at10)).toEqual(['prd_p1']);
        expect(at10.items[0]).toMatchObject({ priceQty: 10, unitPriceMinor: 9_000 });
        const at100 = await search(a, { q: 'pump', qty: 100, priceMin: 5_000, priceMax: 8_000 });
        expect(ids(at100).sort()).toEqual(['prd_p1', 'prd_p3']);
        expect(at100.items.find((i) => i.id === 'prd_p1')).toMatchObject({
          priceQty: 100,
          unitPriceMinor: 8_000,
        });
        // Below its MOQ a product is quoted at the MOQ.
        const valve = await search(a, { q: 'valve', qty: 1 });
        expect(valve.items[0]).toMatchObject({ priceQty: 10, unitPriceMinor: 800 });
      });

      it('filters by currency', async () => {
        expect((await search(a, { currency: 'EUR' })).total).toBe(6);
        expect((await search(a, { currency: 'USD' })).total).toBe(0);
      });
    });

    describe('sorting and pages', () => {
      it('sorts by unit price both ways, and by newest', async () => {
        expect(ids(await search(a, { sort: 'price_asc' }))).toEqual([
          'prd_b1',
          'prd_v1',
          'prd_s1',
          'prd_p3',
          'prd_p1',
          'prd_p2',
        ]);
        expect(ids(await search(a, { sort: 'price_desc' }))).toEqual([
          'prd_p2',
          'prd_p1',
          'prd_p3',
          'prd_s1',
          'prd_v1',
          'prd_b1',
        ]);
        expect(ids(await search(a, { sort: 'newest' }))).toEqual([
          'prd_s1',
          'prd_b1',
          'prd_v1',
          'prd_p2',
          'prd_p3',
          'prd_p1',
        ]);
      });

      it('sorts relevance without words as newest first', async () => {
        expect(ids(await search(a, {}))[0]).toBe('prd_s1');
      });

      it('pages through results with totals', async () => {
        const pages = await Promise.all(
          [1, 2, 3, 4].map((page) => search(a, { sort: 'newest', limit: 2, page })),
        );
        expect(pages.map(ids)).toEqual([
          ['prd_s1', 'prd_b1'],
          ['prd_v1', 'prd_p2'],
          ['prd_p3', 'prd_p1'],
          [],
        ]);
        for (const p of pages) expect(p).toMatchObject({ total: 6, pages: 3, limit: 2 });
      });

      it('counts only as far as the page when no total is asked for, saying whether more follow', async () => {
        const first = await search(a, { sort: 'newest', limit: 2, countTotal: false });
        expect(ids(first)).toEqual(['prd_s1', 'prd_b1']);
        expect(first).toMatchObject({ total: 2, totalCapped: true });
        const second = await search(a, { sort: 'newest', limit: 2, page: 2, countTotal: false });
        expect(ids(second)).toEqual(['prd_v1', 'prd_p2']);
        expect(second).toMatchObject({ total: 4, totalCapped: true });
        const all = await search(a, { sort: 'newest', limit: 10, countTotal: false });
        expect(all).toMatchObject({ total: 6, totalCapped: false });
      });
    });

    describe('facets', () => {
      it('counts categories (sub-categories rolled up), vendors and stock over all matches', async () => {
        const r = await search(a, { q: 'pump', limit: 1 });
        expect(r.items).toHaveLength(1);
        const cats = Object.fromEntries(r.facets.categories.map((c) => [c.id, c]));
        expect(cats).toEqual({
          cat_fluid: { id: 'cat_fluid', name: 'Fluid power', parentId: null, count: 4 },
          cat_pumps: { id: 'cat_pumps', name: 'Pumps', parentId: 'cat_fluid', count: 4 },
          cat_hpumps: { id: 'cat_hpumps', name: 'Hydraulic pumps', parentId: 'cat_pumps', count: 2 },
        });
        expect([...r.facets.vendors].sort((x, y) => x.id.localeCompare(y.id))).toEqual([
          { id: 'ven_a1', name: 'Hydro Parts GmbH', count: 2 },
          { id: 'ven_a2', name: 'Fastening Supply Ltd', count: 1 },
          { id: 'ven_a3', name: 'Seal Traders', count: 1 },
        ]);
        expect(r.facets.inStock).toEqual({ true: 3, false: 1 });
      });

      it('applies the filters to the facet counts', async () => {
        const r = await search(a, { q: 'pump', vendorId: 'ven_a1' });
        expect(r.facets.vendors).toEqual([{ id: 'ven_a1', name: 'Hydro Parts GmbH', count: 2 }]);
        expect(r.facets.inStock).toEqual({ true: 1, false: 1 });
      });
    });

    describe('visibility', () => {
      it('never shows drafts, archived products or products of vendors not approved', async () => {
        for (const q of ['prototype', 'discontinued', 'pending'])
          expect((await search(a, { q })).total).toBe(0);
        const all = await search(a, { limit: 100 });
        expect(ids(all).sort()).toEqual([...VISIBLE_A].sort());
      });

      it("hides a suspended vendor's products from the next search, and shows them again on reinstatement", async () => {
        expect(ids(await search(a, { q: 'seal' }))).toEqual(['prd_s1']);
        await setVendorStatus('ven_a3', 'suspended');
        try {
          if (!s.live) {
            // Even before the index catches up, the hit is not shown.
            expect(ids(await search(a, { q: 'seal' }))).toEqual([]);
            await s.sync(a, ['prd_s1']);
          }
          const r = await search(a, { q: 'seal' });
          expect(r.items).toEqual([]);
          expect(r.total).toBe(0);
          expect(r.facets.vendors).toEqual([]);
          expect(ids(await search(a, { q: 'pump' }))).not.toContain('prd_s1');
        } finally {
          await setVendorStatus('ven_a3', 'approved');
          await s.sync(a, ['prd_s1']);
        }
        expect(ids(await search(a, { q: 'seal' }))).toEqual(['prd_s1']);
      });

      it('shows a product once published and hides it once unpublished', async () => {
        await setProductStatus('prd_d1', 'published');
        await s.sync(a, ['prd_d1']);
        expect(ids(await search(a, { q: 'prototype' }))).toEqual(['prd_d1']);
        await setProductStatus('prd_d1', 'draft');
        if (!s.live) await s.sync(a, ['prd_d1']);
        expect(ids(await search(a, { q: 'prototype' }))).toEqual([]);
      });
    });

    describe('tenant isolation', () => {
      it("never returns another tenant's products for the same query", async () => {
        const inA = await search(a, { q: 'hydraulic pump 12V' });
        const inB = await search(b, { q: 'hydraulic pump 12V' });
        expect(ids(inA)).not.toContain('prd_b_pump');
        expect(ids(inB)).toEqual(['prd_b_pump']);
        expect(inB.facets.vendors.map((v) => v.id)).toEqual(['ven_b1']);
      });

      it("finds nothing in B by A's vendor or category ids", async () => {
        expect((await search(b, { vendorId: 'ven_a1' })).total).toBe(0);
        expect((await search(b, { categoryId: 'cat_fluid' })).total).toBe(0);
        expect((await search(b, {})).total).toBe(1);
      });
    });
  });
}
