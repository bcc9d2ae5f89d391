import { type TenantRef, withTenant } from '@agora/db';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  insertCatalog,
  type TestDatabase,
  testConfig,
} from '@agora/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRuntime,
  createTenant,
  facetCacheKey,
  PostgresSearchEngine,
  type Runtime,
  runProvisioning,
  type SearchQuery,
} from '../../src/index.js';

/**
 * A browse's total and facets kept per tenant and catalog version (ADR 0030): a browse with kept
 * counts reads only its page, and must return exactly what the full statement returns, in every
 * order, filter and page (up to the edge of the result window), in its own tenant only, and
 * follow every committed catalog change.
 */
let tdb: TestDatabase;
let rt: Runtime;
let a: TenantRef;
let b: TenantRef;
/** Nothing kept: every browse runs the full statement. */
let reference: PostgresSearchEngine;
/** Facets kept, whole results not: what the read-path benchmark runs. */
let kept: PostgresSearchEngine;

const browse = (q: Partial<SearchQuery> = {}): SearchQuery => ({
  sort: 'relevance',
  page: 1,
  limit: 24,
  facets: true,
  ...q,
});
const exec = (tenant: TenantRef, statement: ReturnType<typeof sql>) =>
  withTenant(rt.database, tenant, ({ db }) => db.execute(statement));

/** 1,010 products (past the 1,000-product result window), with ties, drafts, tiers, images. */
async function bigCatalog(tenant: TenantRef, vendorNames: string[]) {
  await insertCatalog(rt.database, tenant, {
    vendors: [
      ...vendorNames.map((name, i) => ({ id: `ven_${i + 1}`, name })),
      { id: 'ven_off', name: 'Suspended Supplies', status: 'suspended' as const },
    ],
    categories: [
      { id: 'cat_1', name: 'Tools' },
      { id: 'cat_2', name: 'Drills', parentId: 'cat_1' },
      { id: 'cat_3', name: 'Fasteners' },
    ],
  });
  await exec(
    tenant,
    sql`insert into products (id, vendor_id, sku, title, category_id, unit, min_order_qty, stock_qty,
          currency, base_price_minor, status, published_at)
        select 'prd_' || lpad(i::text, 5, '0'),
          case when i % 13 = 0 then 'ven_off' else 'ven_' || (i % ${vendorNames.length} + 1) end,
          'SKU-' || i, 'Item ' || i,
          case when i % 5 = 0 then null else 'cat_' || (i % 3 + 1) end,
          'piece', 1 + i % 4, i % 7, 'EUR', 100 + (i * 37) % 1000,
          case when i % 11 = 0 then 'draft' else 'published' end,
          -- 200 distinct times: many ties, broken by id.
          case when i % 11 = 0 then null else timestamptz '2026-01-01' + make_interval(mins => i % 200) end
        from generate_series(1, 1210) i`,
  );
  await exec(
    tenant,
    sql`insert into price_tiers (product_id, min_qty, unit_price_minor)
        select id, 3, base_price_minor - 50 from products where right(id, 1) in ('1', '4')`,
  );
  await exec(
    tenant,
    sql`insert into product_images (product_id, position, file_key)
        select id, 0, 'img/' || id || '.png' from products where right(id, 1) in ('2', '7')`,
  );
  await rt.search.reindexAll(tenant);
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  rt = await createRuntime(testConfig(tdb.url));
  const provision = async (slug: string) => {
    const t = await createTenant(
      rt,
      { name: `Shop ${slug}`, slug, ownerEmail: `o@${slug}.test` },
      { type: 'system', id: 'test' },
    );
    await runProvisioning(rt, t.id, { finalAttempt: true });
    return { id: t.id, schemaName: t.schemaName };
  };
  a = await provision('facets-a');
  b = await provision('facets-b');
  await bigCatalog(a, ['Acme Tools', 'Bolt Brothers', 'Cobalt Works']);
  // The same ids in another marketplace, other names and other counts.
  await bigCatalog(b, ['Other Market One', 'Other Market Two']);
}, 120_000);

afterAll(async () => {
  await rt?.close();
  if (rt) await cleanupRedisPrefix(rt.config.redisUrl, rt.config.queuePrefix);
  await tdb?.drop();
});

function engines() {
  reference = new PostgresSearchEngine(rt.database, 0, 0);
  kept = new PostgresSearchEngine(rt.database, 0, 1_000_000);
}

describe('facet cache', () => {
  const queries: [string, Partial<SearchQuery>][] = [
    ['default order', {}],
    ['newest', { sort: 'newest' }],
    ['cheapest first', { sort: 'price_asc' }],
    ['dearest first', { sort: 'price_desc' }],
    ['in stock', { inStock: true }],
    ['a category subtree', { categoryId: 'cat_1' }],
    ['a vendor', { vendorId: 'ven_2' }],
    ["a vendor's page: a total, no facets", { vendorId: 'ven_2', sort: 'newest', facets: false }],
    ['a price range at a quantity', { qty: 3, priceMin: 300, priceMax: 800, sort: 'price_asc' }],
  ];
  for (const [what, q] of queries) {
    it(`returns exactly the full statement's result, page after page: ${what}`, async () => {
      engines();
      // Pages 1 and 2 of one size, another size, the window's last (partial) page, one past it.
      const pages: [number, number][] = [
        [1, 24],
        [2, 24],
        [1, 10],
        [3, 10],
        [42, 24],
        [43, 24],
        [11, 100],
      ];
      for (const [page, limit] of pages) {
        const query = browse({ ...q, page, limit });
        expect(await kept.search(a, query), `page ${page} of ${limit}`).toEqual(
          await reference.search(a, query),
        );
      }
      // Counted once, then served from the kept counts for every other page and size.
      expect([kept.facets.misses, kept.facets.hits]).toEqual([1, pages.length - 1]);
    });
  }

  it('reaches the edge of the result window exactly', async () => {
    engines();
    await kept.search(a, browse());
    const last = await kept.search(a, browse({ page: 42, limit: 24 }));
    expect([last.total, last.totalCapped, last.items.length]).toEqual([1000, true, 16]);
    expect((await kept.search(a, browse({ page: 43, limit: 24 }))).items).toEqual([]);
    expect(kept.facets.hits).toBe(2);
  });

  it("never serves one tenant's counts to another: same query, same ids, its own facets", async () => {
    engines();
    expect(facetCacheKey(a, browse())).not.toBe(facetCacheKey(b, browse()));
    const inA = await kept.search(a, browse());
    const inB = await kept.search(b, browse({ page: 2 }));
    expect(inB).toEqual(await reference.search(b, browse({ page: 2 })));
    expect(inB.facets.vendors.map((v) => v.name).sort()).toEqual(['Other Market One', 'Other Market Two']);
    expect(inA.facets.vendors.map((v) => v.name)).not.toContain('Other Market One');
    expect(kept.facets.misses).toBe(2);
    // A tenant with the other's schema name but its own id is not the other either.
    expect(facetCacheKey({ ...a, id: b.id }, browse())).not.toBe(facetCacheKey(a, browse()));
  });

  it('does not keep counts of lists that count only their page; keeps a total without facets apart', async () => {
    expect(facetCacheKey(a, browse({ countTotal: false }))).toBeNull();
    expect(facetCacheKey(a, browse({ countTotal: false, facets: false }))).toBeNull();
    expect(facetCacheKey(a, browse({ facets: false }))).not.toBe(facetCacheKey(a, browse()));
    expect(facetCacheKey(a, browse({ page: 3, limit: 7 }))).toBe(facetCacheKey(a, browse()));
    expect(facetCacheKey(a, browse({ sort: 'newest' }))).not.toBe(facetCacheKey(a, browse()));
  });

  const changes: [string, ReturnType<typeof sql>, ReturnType<typeof sql>][] = [
    [
      'a vendor name',
      sql`update vendors set name = 'Acme Tools Renamed' where id = 'ven_1'`,
      sql`update vendors set name = 'Acme Tools' where id = 'ven_1'`,
    ],
    [
      'a vendor suspension',
      sql`update vendors set status = 'suspended' where id = 'ven_3'`,
      sql`update vendors set status = 'approved' where id = 'ven_3'`,
    ],
    [
      'a category name',
      sql`update categories set name = 'Power drills' where id = 'cat_2'`,
      sql`update categories set name = 'Drills' where id = 'cat_2'`,
    ],
    [
      'products unpublished',
      sql`update products set status = 'archived' where id between 'prd_00100' and 'prd_00400'`,
      sql`update products set status = 'published' where id between 'prd_00100' and 'prd_00400' and published_at is not null`,
    ],
    [
      'stock',
      sql`update products set stock_qty = 100 where id < 'prd_00500'`,
      sql`update products set stock_qty = (substr(id, 5)::int) % 7 where id < 'prd_00500'`,
    ],
  ];
  for (const [what, change, undo] of changes) {
    it(`counts again after a committed change to ${what}`, async () => {
      engines();
      const before = await kept.search(a, browse());
      await exec(a, change);
      try {
        const after = await kept.search(a, browse({ page: 2 }));
        expect(after).toEqual(await reference.search(a, browse({ page: 2 })));
        expect(after.facets).not.toEqual(before.facets);
        expect([kept.facets.misses, kept.facets.hits]).toEqual([2, 0]);
        // And the new counts are kept in turn.
        await kept.search(a, browse({ page: 3 }));
        expect(kept.facets.hits).toBe(1);
      } finally {
        await exec(a, undo);
      }
      expect(await kept.search(a, browse())).toEqual(before);
    });
  }

  it('keeps the committed counts while a change is not committed, and follows the commit', async () => {
    engines();
    const before = await kept.search(a, browse());
    const client = await rt.database.pool.connect();
    try {
      await client.query(`BEGIN; SET LOCAL ROLE "${a.schemaName}"`);
      await client.query(`update "${a.schemaName}".vendors set name = 'Uncommitted' where id = 'ven_2'`);
      expect((await kept.search(a, browse({ page: 2 }))).facets).toEqual(before.facets);
      await client.query('COMMIT');
      const after = await kept.search(a, browse({ page: 2 }));
      expect(after.facets.vendors.map((v) => v.name)).toContain('Uncommitted');
    } finally {
      client.release();
      await exec(a, sql`update vendors set name = 'Bolt Brothers' where id = 'ven_2'`);
    }
  });
});
