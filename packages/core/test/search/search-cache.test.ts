import { readCatalogVersion, type TenantRef, withTenant } from '@agora/db';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  insertCatalog,
  type TestDatabase,
  testConfig,
} from '@agora/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createRuntime,
  createTenant,
  PostgresSearchEngine,
  type Runtime,
  runProvisioning,
  SearchCache,
  type SearchQuery,
  searchCacheKey,
  searchResultJson,
} from '../../src/index.js';

/**
 * The PostgreSQL engine's result cache (ADR 0020): a kept result is served only while the tenant's
 * catalog version is the one it was read at, and every committed change to what a search shows
 * raises that version, whichever code makes it (the triggers of tenant migration 0007).
 */
let tdb: TestDatabase;
let rt: Runtime;
let a: TenantRef;
let b: TenantRef;
let engine: PostgresSearchEngine;

const query = (q: Partial<SearchQuery> = {}): SearchQuery => ({
  q: 'pump',
  sort: 'relevance',
  page: 1,
  limit: 24,
  facets: true,
  ...q,
});
const exec = (tenant: TenantRef, statement: ReturnType<typeof sql>) =>
  withTenant(rt.database, tenant, ({ db }) => db.execute(statement));

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
  a = await provision('cache-a');
  b = await provision('cache-b');
  await insertCatalog(rt.database, a, {
    vendors: [
      { id: 'ven_1', name: 'Hydro Parts' },
      { id: 'ven_2', name: 'Pump Works' },
    ],
    categories: [{ id: 'cat_1', name: 'Pumps' }],
    products: [
      {
        id: 'prd_1',
        vendorId: 'ven_1',
        title: 'Hydraulic pump',
        categoryId: 'cat_1',
        basePriceMinor: 10_000,
        tiers: [{ minQty: 1, unitPriceMinor: 10_000 }],
        imageKeys: ['img/one.png'],
      },
      { id: 'prd_2', vendorId: 'ven_2', title: 'Water pump', categoryId: 'cat_1', basePriceMinor: 5_000 },
    ],
  });
  await insertCatalog(rt.database, b, {
    vendors: [{ id: 'ven_1', name: 'Other Market Vendor' }],
    products: [{ id: 'prd_b', vendorId: 'ven_1', title: 'Tenant B pump', basePriceMinor: 1 }],
  });
  await rt.search.reindexAll(a);
  await rt.search.reindexAll(b);
});

afterAll(async () => {
  await rt?.close();
  if (rt) await cleanupRedisPrefix(rt.config.redisUrl, rt.config.queuePrefix);
  await tdb?.drop();
});

beforeEach(() => {
  engine = new PostgresSearchEngine(rt.database, 1_000_000);
});

/** Search twice and say whether the second was served from the cache. */
async function searchAgain(tenant: TenantRef, q: SearchQuery) {
  const before = engine.cache.hits;
  const result = await engine.search(tenant, q);
  return { result, hit: engine.cache.hits === before + 1 };
}

describe('search cache', () => {
  it('serves a repeated search from the cache while nothing changed', async () => {
    const first = await engine.search(a, query());
    const again = await searchAgain(a, query());
    expect(again.hit).toBe(true);
    expect(again.result).toEqual(first);
    // A different query is a different entry.
    expect((await searchAgain(a, query({ sort: 'newest' }))).hit).toBe(false);
  });

  it('keys entries by tenant: the same query in another marketplace is its own search', async () => {
    expect(searchCacheKey(a, query())).not.toBe(searchCacheKey(b, { ...query() }));
    const inA = await engine.search(a, query());
    const inB = await searchAgain(b, query());
    expect(inB.hit).toBe(false);
    expect(inB.result.items.map((i) => i.id)).toEqual(['prd_b']);
    expect(inA.items.map((i) => i.id).sort()).toEqual(['prd_1', 'prd_2']);
  });

  const changes: [string, ReturnType<typeof sql>, ReturnType<typeof sql>, (r: unknown) => void][] = [
    [
      'a product title',
      sql`update products set title = 'Hydraulic pump Mk2' where id = 'prd_1'`,
      sql`update products set title = 'Hydraulic pump' where id = 'prd_1'`,
      (r) => expect(JSON.stringify(r)).toContain('Hydraulic pump Mk2'),
    ],
    [
      "a product's price tier",
      sql`update price_tiers set unit_price_minor = 9000 where product_id = 'prd_1'`,
      sql`update price_tiers set unit_price_minor = 10000 where product_id = 'prd_1'`,
      (r) => expect(JSON.stringify(r)).toContain('"unitPriceMinor":9000'),
    ],
    [
      "a product's images",
      sql`update product_images set file_key = 'img/two.png' where product_id = 'prd_1'`,
      sql`update product_images set file_key = 'img/one.png' where product_id = 'prd_1'`,
      (r) => expect(JSON.stringify(r)).toContain('img/two.png'),
    ],
    [
      'a new product image (insert)',
      sql`insert into product_images (product_id, position, file_key) values ('prd_2', 0, 'img/new.png')`,
      sql`delete from product_images where product_id = 'prd_2'`,
      (r) => expect(JSON.stringify(r)).toContain('img/new.png'),
    ],
    [
      'a removed product image (delete)',
      sql`delete from product_images where product_id = 'prd_1'`,
      sql`insert into product_images (product_id, position, file_key) values ('prd_1', 0, 'img/one.png')`,
      (r) => expect(JSON.stringify(r)).not.toContain('img/one.png'),
    ],
    [
      "a product upserted by SKU (the CSV import's statement)",
      sql`insert into products (id, vendor_id, sku, title, unit, currency, base_price_minor, status)
          select 'prd_other', vendor_id, sku, 'Upserted pump', unit, currency, base_price_minor, status
          from products where id = 'prd_2'
          on conflict (vendor_id, sku) do update set title = excluded.title`,
      sql`update products set title = 'Water pump' where id = 'prd_2'`,
      (r) => expect(JSON.stringify(r)).toContain('Upserted pump'),
    ],
    [
      'a vendor suspension',
      sql`update vendors set status = 'suspended' where id = 'ven_2'`,
      sql`update vendors set status = 'approved' where id = 'ven_2'`,
      (r) => expect(JSON.stringify(r)).not.toContain('prd_2'),
    ],
    [
      'a category name',
      sql`update categories set name = 'Pumps and motors' where id = 'cat_1'`,
      sql`update categories set name = 'Pumps' where id = 'cat_1'`,
      (r) => expect(JSON.stringify(r)).toContain('Pumps and motors'),
    ],
  ];
  for (const [what, change, undo, shows] of changes) {
    it(`shows a committed change to ${what} on the next search`, async () => {
      await engine.search(a, query());
      await exec(a, change);
      try {
        const next = await searchAgain(a, query());
        expect(next.hit).toBe(false);
        shows(next.result);
        // And the new result is kept in turn.
        expect((await searchAgain(a, query())).hit).toBe(true);
      } finally {
        await exec(a, undo);
      }
    });
  }

  it('keeps serving the committed catalog while a change is not committed, and follows the commit', async () => {
    const client = await rt.database.pool.connect();
    try {
      await engine.search(a, query());
      await client.query(`BEGIN; SET LOCAL ROLE "${a.schemaName}"`);
      await client.query(
        `update "${a.schemaName}".products set title = 'Uncommitted pump' where id = 'prd_1'`,
      );
      const during = await searchAgain(a, query());
      expect(during.hit).toBe(true);
      expect(JSON.stringify(during.result)).not.toContain('Uncommitted');
      await client.query('COMMIT');
      const after = await searchAgain(a, query());
      expect(after.hit).toBe(false);
      expect(JSON.stringify(after.result)).toContain('Uncommitted pump');
    } finally {
      client.release();
      await exec(a, sql`update products set title = 'Hydraulic pump' where id = 'prd_1'`);
    }
  });

  it('raises the version once per committed transaction, however many rows and tables it changes', async () => {
    const v0 = await readCatalogVersion(rt.database, a);
    await withTenant(rt.database, a, async ({ db }) => {
      await db.execute(sql`update products set stock_qty = stock_qty + 1`);
      await db.execute(sql`update price_tiers set unit_price_minor = unit_price_minor`);
      await db.execute(sql`update vendors set name = name`);
    });
    expect(await readCatalogVersion(rt.database, a)).toBe(v0 + 1);
    // Another tenant's version is its own.
    const vb = await readCatalogVersion(rt.database, b);
    await exec(a, sql`update products set stock_qty = stock_qty - 1`);
    expect(await readCatalogVersion(rt.database, b)).toBe(vb);
    expect(await readCatalogVersion(rt.database, a)).toBe(v0 + 2);
  });

  it('does not raise the version for a transaction that rolls back', async () => {
    const v0 = await readCatalogVersion(rt.database, a);
    await expect(
      withTenant(rt.database, a, async ({ db }) => {
        await db.execute(sql`update products set title = 'Rolled back' where id = 'prd_1'`);
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await readCatalogVersion(rt.database, a)).toBe(v0);
  });

  it('lets writers lock catalog rows in any order: the version is taken at commit, not deadlocking them', async () => {
    const [one, two] = [await rt.database.pool.connect(), await rt.database.pool.connect()];
    const role = `"${a.schemaName}"`;
    const products = `"${a.schemaName}".products`;
    try {
      const v0 = await readCatalogVersion(rt.database, a);
      await one.query(`BEGIN; SET LOCAL ROLE ${role}`);
      await two.query(`BEGIN; SET LOCAL ROLE ${role}`);
      await one.query(`update ${products} set stock_qty = 5 where id = 'prd_1'`);
      await two.query(`update ${products} set stock_qty = 6 where id = 'prd_2'`);
      // Were the version raised at each statement, `two`'s update above would have waited for the
      // version row `one` holds, and this test would hang there (two open transactions each
      // waiting on the other's next step). Deferred to commit, `one` only waits for `two` to commit.
      const waiting = one.query(`update ${products} set stock_qty = 7 where id = 'prd_2'`);
      await two.query('COMMIT');
      await waiting;
      await one.query('COMMIT');
      expect(await readCatalogVersion(rt.database, a)).toBe(v0 + 2);
    } finally {
      await one.query('ROLLBACK').catch(() => {});
      await two.query('ROLLBACK').catch(() => {});
      one.release();
      two.release();
      await exec(a, sql`update products set stock_qty = 0 where id in ('prd_1', 'prd_2')`);
    }
  });

  it('hands out frozen results, so no caller can change what others are served', async () => {
    const result = await engine.search(a, query());
    expect(result.items.length).toBeGreaterThan(0);
    expect(() => {
      (result.items as unknown[]).pop();
    }).toThrow(TypeError);
    expect(Object.isFrozen(result.items[0])).toBe(true);
  });

  it('keeps results within its byte budget, dropping the least recently used', () => {
    const result = (text: string) => ({ items: [text] }) as never;
    const bytes = JSON.stringify({ items: ['x'.repeat(10)] }).length;
    const cache = new SearchCache(2 * bytes);
    cache.set('one', 1, result('1'.repeat(10)));
    cache.set('two', 1, result('2'.repeat(10)));
    cache.get('one');
    cache.set('three', 1, result('3'.repeat(10)));
    expect(cache.get('two')).toBeUndefined();
    expect(cache.get('one')?.version).toBe(1);
    expect(cache.get('three')?.version).toBe(1);
    expect([cache.size, cache.bytes]).toEqual([2, 2 * bytes]);
    // One larger than the whole budget is not kept (and evicts nothing); a large one makes room.
    cache.set('big', 2, result('b'.repeat(10 + 2 * bytes)));
    expect([cache.size, cache.get('big')]).toEqual([2, undefined]);
    const wide = result('w'.repeat(10 + bytes / 2));
    cache.set('wide', 2, wide);
    expect([cache.size, cache.get('wide')?.version, cache.bytes]).toEqual([
      1,
      2,
      JSON.stringify(wide).length,
    ]);
    // Replacing an entry does not count it twice.
    cache.set('wide', 3, result('w'.repeat(10 + bytes / 2)));
    expect([cache.size, cache.get('wide')?.version, cache.bytes]).toEqual([
      1,
      3,
      JSON.stringify(wide).length,
    ]);
    const off = new SearchCache(0);
    off.set('one', 1, result('1'));
    expect(off.get('one')).toBeUndefined();
  });

  it('writes a result as JSON.stringify would; frozen facets once, facets counted for one answer every time', () => {
    const facets = (name: string) => ({
      categories: [{ id: 'cat_1', name, parentId: null, count: 2 }],
      vendors: [{ id: 'ven_1', name: 'V "quoted"', count: 2 }],
      inStock: { true: 1, false: 1 },
    });
    const body = (f: ReturnType<typeof facets>) => ({
      items: [{ id: 'prd_1' }],
      total: 2,
      facets: f,
      didYouMean: null,
    });
    const kept = Object.freeze(facets('Kept'));
    expect(JSON.parse(searchResultJson(body(kept)))).toEqual(body(kept));
    expect(searchResultJson(body(kept))).toBe(searchResultJson(body(kept)));
    // Another frozen facets object (another tenant, another catalog version) has its own JSON.
    expect(JSON.parse(searchResultJson(body(Object.freeze(facets('Other'))))).facets.categories[0].name).toBe(
      'Other',
    );
    // Facets that are not frozen are not remembered: a later change shows.
    const fresh = facets('Fresh');
    searchResultJson(body(fresh));
    fresh.inStock.true = 7;
    expect(JSON.parse(searchResultJson(body(fresh))).facets.inStock).toEqual({ true: 7, false: 1 });
    expect(JSON.parse(searchResultJson({ facets: kept }))).toEqual({ facets: kept });
  });

  it('keys by every query field in a fixed order, ignoring fields left undefined', () => {
    const q = query({ vendorId: 'ven_1' });
    const reordered = Object.fromEntries(Object.entries(q).reverse()) as SearchQuery;
    expect(searchCacheKey(a, reordered)).toBe(searchCacheKey(a, q));
    expect(searchCacheKey(a, { ...q, inStock: undefined })).toBe(searchCacheKey(a, q));
    expect(searchCacheKey(a, { ...q, vendorId: 'ven_2' })).not.toBe(searchCacheKey(a, q));
    expect(searchCacheKey({ ...a, id: b.id }, q)).not.toBe(searchCacheKey(a, q));
  });

  it('runs every search, keeping nothing, while the version row is missing', async () => {
    const version = await readCatalogVersion(rt.database, a);
    await exec(a, sql`delete from catalog_version`);
    try {
      const first = await engine.search(a, query());
      const again = await searchAgain(a, query());
      expect(again.hit).toBe(false);
      expect(again.result).toEqual(first);
      expect(engine.cache.size).toBe(0);
    } finally {
      await exec(a, sql`insert into catalog_version (id, version) values (1, ${version})`);
    }
  });

  it('is off with 0 entries: every search runs', async () => {
    const uncached = new PostgresSearchEngine(rt.database, 0);
    await uncached.search(a, query());
    await uncached.search(a, query());
    expect(uncached.cache.hits).toBe(0);
    expect(uncached.cache.misses).toBe(2);
  });
});
