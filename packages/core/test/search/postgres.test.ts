import { withTenant } from '@agora/db';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  insertCatalog,
  type TestDatabase,
  testConfig,
} from '@agora/testing';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createRuntime,
  createTenant,
  MAX_RESULT_WINDOW,
  PostgresSearchEngine,
  type Runtime,
  reindexProductsTx,
  runProvisioning,
} from '../../src/index.js';
import { searchContract } from './contract.js';

let tdb: TestDatabase | undefined;
let runtime: Runtime | undefined;
const tenants = new Map<string, { id: string; schemaName: string }>();

afterAll(async () => {
  await runtime?.close();
  if (runtime) await cleanupRedisPrefix(runtime.config.redisUrl, runtime.config.queuePrefix);
  await tdb?.drop();
});

searchContract('PostgreSQL', async () => {
  tdb = await createTestDatabase();
  runtime = await createRuntime(testConfig(tdb.url));
  const rt = runtime;
  return {
    runtime: rt,
    engine: new PostgresSearchEngine(rt.database, 1_000_000),
    live: true,
    async tenant(slug) {
      const t = await createTenant(
        rt,
        { name: `Shop ${slug}`, slug, ownerEmail: `o@${slug}.test` },
        {
          type: 'system',
          id: 'test',
        },
      );
      await runProvisioning(rt, t.id, { finalAttempt: true });
      tenants.set(slug, t);
      return t;
    },
    sync: (tenant, ids) => new PostgresSearchEngine(rt.database).index(tenant, ids),
  };
});

describe('PostgreSQL search specifics', () => {
  const engine = () => new PostgresSearchEngine((runtime as Runtime).database);
  const a = () => tenants.get('contract-a') as { id: string; schemaName: string };
  const search = (q: Record<string, unknown>) =>
    engine().search(a(), { sort: 'relevance', page: 1, limit: 24, ...q });

  it('weights title and SKU A, attributes and vendor B, category path C, description D', async () => {
    const row = await withTenant((runtime as Runtime).database, a(), async ({ db }) => {
      const r = await db.execute<{ doc: string }>(
        sql`select search_document::text as doc from products where id = 'prd_p1'`,
      );
      return r.rows[0];
    });
    expect(row?.doc).toContain("'hydraulic':1A");
    expect(row?.doc).toMatch(/'hp':\d+A/);
    expect(row?.doc).toMatch(/'voltage':\d+B/);
    expect(row?.doc).toMatch(/'hydro':\d+B/);
    expect(row?.doc).toMatch(/'fluid':\d+C/);
    expect(row?.doc).toMatch(/'compact':\d+(?![A-C])/);
  });

  it("keeps the catalog's words for typo correction: letters only, no numbers, sizes or SKUs", async () => {
    const words = await withTenant((runtime as Runtime).database, a(), async ({ db, t }) => {
      const r = await db.execute<{ word: string }>(sql`select distinct word from ${t.searchWords}`);
      return r.rows.map((x) => x.word);
    });
    // Title, attribute, vendor, category and description words; drafts' too (search checks them).
    expect(words).toEqual(
      expect.arrayContaining(['hydraulic', 'pump', 'voltage', 'hydro', 'fluid', 'compact', 'prototype']),
    );
    for (const code of ['12v', 'hp-100', 'hp', '100', 'm8', 'bv-12', '1/2'])
      expect(words).not.toContain(code);
  });

  it('rewrites nothing when nothing changed, and one statement per batch otherwise', async () => {
    const written = await withTenant((runtime as Runtime).database, a(), (tx) =>
      reindexProductsTx(tx, ['prd_p1', 'prd_p2', 'prd_p1']),
    );
    expect(written).toBe(0);
  });

  it("keeps each product's unit price at its MOQ for price sorts, following tier changes", async () => {
    const db = (runtime as Runtime).database;
    const mismatches = () =>
      withTenant(db, a(), async ({ db, t }) => {
        const r = await db.execute<{ id: string }>(sql`
          select p.id from ${t.products} p
          where p.price_moq_minor is distinct from coalesce((
            select pt.unit_price_minor from ${t.priceTiers} pt
            where pt.product_id = p.id and pt.min_qty <= p.min_order_qty order by pt.min_qty desc limit 1
          ), p.base_price_minor)`);
        return r.rows.map((x) => x.id);
      });
    expect(await mismatches()).toEqual([]);
    // A new tier at the MOQ, as a product update writes it (tiers, then the reindex).
    const price = () =>
      withTenant(db, a(), async ({ db, t }) =>
        Number(
          (
            await db.execute<{ v: string }>(
              sql`select price_moq_minor as v from ${t.products} where id = 'prd_p2'`,
            )
          ).rows[0]?.v,
        ),
      );
    const before = await price();
    await withTenant(db, a(), async (tx) => {
      await tx.db.execute(sql`update ${tx.t.priceTiers} set unit_price_minor = unit_price_minor - 1
        where product_id = 'prd_p2' and min_qty = (select min_order_qty from ${tx.t.products} where id = 'prd_p2')`);
      await reindexProductsTx(tx, ['prd_p2']);
    });
    expect(await price()).toBe(before - 1);
    expect(await mismatches()).toEqual([]);
    await withTenant(db, a(), async (tx) => {
      await tx.db.execute(sql`update ${tx.t.priceTiers} set unit_price_minor = unit_price_minor + 1
        where product_id = 'prd_p2' and min_qty = (select min_order_qty from ${tx.t.products} where id = 'prd_p2')`);
      await reindexProductsTx(tx, ['prd_p2']);
    });
  });

  it('sorts by the unit price at a given quantity', async () => {
    // At 50 units the gear pump (tier 50: 150.00) is cheaper than at its MOQ (200.00).
    const r = await search({ q: 'hydraulic pump', sort: 'price_desc', qty: 50 });
    expect(r.items.map((i) => [i.id, i.unitPriceMinor])).toEqual([
      ['prd_p2', 15_000],
      ['prd_p1', 9_000],
      ['prd_p3', 5_000],
      ['prd_s1', 1_500],
    ]);
  });

  it('keeps web search syntax exact: phrases and excluded words', async () => {
    expect((await search({ q: 'pump -gear' })).items.map((i) => i.id).sort()).toEqual([
      'prd_p1',
      'prd_p3',
      'prd_s1',
    ]);
    expect((await search({ q: '"gear pump"' })).items.map((i) => i.id)).toEqual(['prd_p2']);
  });

  it('ignores words made of punctuation only, and leaves out unknown words, saying which', async () => {
    expect((await search({ q: ' -- / ' })).total).toBe(6);
    const r = await search({ q: 'pump zzqqxx' });
    expect([r.total, r.dropped, r.didYouMean]).toEqual([4, ['zzqqxx'], null]);
    const alone = await search({ q: 'zzqqxx' });
    expect([alone.total, alone.dropped]).toEqual([0, ['zzqqxx']]);
    // Words as typed that find enough products are not questioned.
    expect(await search({ q: 'hydraulic pump' })).toMatchObject({ dropped: [], didYouMean: null });
  });

  it('corrects typos into the catalog words and says how it spelled them', async () => {
    const swapped = await search({ q: 'hydrualic pmup' });
    expect(swapped.items.map((i) => i.id).sort()).toEqual(['prd_p1', 'prd_p2', 'prd_p3', 'prd_s1']);
    expect([swapped.dropped, swapped.didYouMean]).toEqual([[], 'hydraulic pump']);
    // A 3-letter word is not corrected (too many neighbours) but may be suggested.
    const short = await search({ q: 'hydraulic pmp' });
    expect([short.dropped, short.didYouMean]).toEqual([['pmp'], 'hydraulic pump']);
    expect(short.items.map((i) => i.id)).toContain('prd_p3');
  });

  it('never offers a word only hidden products use (drafts, vendors not approved)', async () => {
    // "prototype" is only in a draft, "pending" only in a pending vendor's product and name.
    for (const q of ['prototpye', 'pendign']) {
      const r = await search({ q });
      expect([r.total, r.dropped, r.didYouMean]).toEqual([0, [q], null]);
    }
  });

  it('sets no session or transaction setting a distributed engine could drop (no pg_trgm threshold)', async () => {
    const pool = (runtime as Runtime).database.pool;
    const sent: string[] = [];
    const connect = pool.connect.bind(pool);
    const restore: (() => void)[] = [];
    (pool as { connect: unknown }).connect = async () => {
      const client = await connect();
      const query = client.query;
      client.query = ((text: string | { text: string }, ...rest: unknown[]) => {
        sent.push(typeof text === 'string' ? text : text.text);
        return (query as (...args: unknown[]) => unknown).apply(client, [text, ...rest]);
      }) as typeof client.query;
      restore.push(() => {
        client.query = query;
      });
      return client;
    };
    try {
      const r = await search({ q: 'hydralic pmup' });
      expect(r.items.map((i) => i.id)).toContain('prd_p1');
    } finally {
      (pool as { connect: unknown }).connect = connect;
      for (const undo of restore) undo();
    }
    expect(sent.length).toBeGreaterThan(2);
    for (const text of sent) {
      expect(text).not.toMatch(/pg_trgm|enable_seqscan|set_config/i);
      for (const set of text.match(/set local \w+/gi) ?? [])
        expect(set.toLowerCase()).toMatch(/^set local (role|transaction_isolation|transaction_read_only)$/);
    }
  });

  it('corrects into a word added since the last search, on the next search (vocabulary per catalog version)', async () => {
    const db = (runtime as Runtime).database;
    const cached = new PostgresSearchEngine(db, 1_000_000);
    expect((await cached.search(a(), { q: 'sprokcet', sort: 'relevance', page: 1, limit: 24 })).total).toBe(
      0,
    );
    const loads = cached.vocabularies.loads;
    await insertCatalog(db, a(), {
      products: [{ id: 'prd_sprocket', vendorId: 'ven_a2', title: 'Chain sprocket', basePriceMinor: 900 }],
    });
    try {
      await cached.index(a(), ['prd_sprocket']);
      const r = await cached.search(a(), { q: 'sprokcet', sort: 'relevance', page: 1, limit: 24 });
      expect(r.items.map((i) => i.id)).toEqual(['prd_sprocket']);
      expect(r.didYouMean).toBe('sprocket');
      expect(cached.vocabularies.loads).toBe(loads + 1);
      // The same version again: the vocabulary (and the result) are reused.
      await cached.search(a(), { q: 'sprokcet chain', sort: 'relevance', page: 1, limit: 24 });
      expect(cached.vocabularies.loads).toBe(loads + 1);
    } finally {
      await withTenant(db, a(), ({ db, t }) =>
        db.delete(t.products).where(sql`${t.products.id} = 'prd_sprocket'`),
      );
    }
  });

  it('counts, facets and pages the best MAX_RESULT_WINDOW matches, newest first, and says there are more', async () => {
    const rt = runtime as Runtime;
    const created = await createTenant(
      rt,
      { name: 'Big shop', slug: 'capped', ownerEmail: 'o@capped.test' },
      { type: 'system', id: 'test' },
    );
    await runProvisioning(rt, created.id, { finalAttempt: true });
    const big = { id: created.id, schemaName: created.schemaName };
    const n = MAX_RESULT_WINDOW + 5;
    await withTenant(rt.database, big, async ({ db, t }) => {
      await db.execute(sql`insert into ${t.vendors} (id, name, legal_name, country, tax_id, contact_name, contact_email, status, verified)
        values ('ven_big', 'Big Vendor', 'Big Vendor', 'DE', 'DE1', 'B', 'b@big.test', 'approved', true)`);
      // Product i is published i minutes after the first; every 10th also says "rare".
      await db.execute(sql`
        insert into ${t.products} (id, vendor_id, sku, title, description, unit, min_order_qty, stock_qty,
          attributes, currency, base_price_minor, status, published_at)
        select 'prd_' || lpad(i::text, 5, '0'), 'ven_big', 'SKU-' || i,
          case when i % 10 = 0 then 'Rare widget ' || i else 'Widget ' || i end, '', 'piece', 1, i % 2,
          '[]'::jsonb, 'EUR', 100 + i, 'published', timestamptz '2026-01-01' + make_interval(mins => i)
        from generate_series(1, ${n}) as i`);
      await db.execute(sql`insert into ${t.products} (id, vendor_id, sku, title, description, unit, min_order_qty,
          stock_qty, attributes, currency, base_price_minor, status)
        values ('prd_draft', 'ven_big', 'SKU-D', 'Widget draft', '', 'piece', 1, 1, '[]'::jsonb, 'EUR', 1, 'draft')`);
    });
    await new PostgresSearchEngine(rt.database).reindexAll(big);
    const browse = (q: Record<string, unknown>) =>
      engine().search(big, { sort: 'newest', page: 1, limit: 10, ...q });

    const first = await browse({});
    expect(first.total).toBe(MAX_RESULT_WINDOW);
    expect(first.totalCapped).toBe(true);
    expect(first.pages).toBe(MAX_RESULT_WINDOW / 10);
    expect(first.items.map((i) => i.id).slice(0, 2)).toEqual([`prd_0${n}`, `prd_0${n - 1}`]);
    // Facets cover exactly the matches counted.
    expect(first.facets.inStock.true + first.facets.inStock.false).toBe(MAX_RESULT_WINDOW);
    expect(first.facets.vendors).toEqual([{ id: 'ven_big', name: 'Big Vendor', count: MAX_RESULT_WINDOW }]);
    // The last page ends with the MAX_RESULT_WINDOW-th newest product.
    const last = await browse({ page: MAX_RESULT_WINDOW / 10 });
    expect(last.items.at(-1)?.id).toBe(`prd_${String(n - MAX_RESULT_WINDOW + 1).padStart(5, '0')}`);
    // The same through a word: the browse index is not needed for correctness.
    const words = await engine().search(big, { q: 'widget', sort: 'relevance', page: 1, limit: 10 });
    expect([words.total, words.totalCapped]).toEqual([MAX_RESULT_WINDOW, true]);
    // Under the cap, counts are exact and not capped; the draft never counts.
    const rare = await engine().search(big, { q: 'rare', sort: 'newest', page: 1, limit: 10 });
    expect([rare.total, rare.totalCapped]).toEqual([Math.floor(n / 10), false]);
    expect(rare.items[0]?.id).toBe(`prd_0${Math.floor(n / 10) * 10}`);
  });
});
