import { type TenantRef, withTenant } from '@agora/db';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  type FixtureProduct,
  insertCatalog,
  type TestDatabase,
  testConfig,
} from '@agora/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The benchmark's catalog generator and typo maker (bench/search-recall.bench.ts runs the same
// check on 100,000 products).
import { generateCatalog } from '../../../../bench/search-catalog.js';
import { singleEditTypos, TYPO_KINDS, type TypoKind } from '../../../../bench/search-typos.js';
import {
  createRuntime,
  createTenant,
  PostgresSearchEngine,
  type Runtime,
  runProvisioning,
  type SearchQuery,
  type SearchResult,
} from '../../src/index.js';

/**
 * Typo recall at small scale (ADR 0026): a few hundred products of the benchmark's catalog plus
 * the examples of issue 11. For every word of 5+ letters the catalog's visible products use,
 * typos of every kind (insert, delete, substitute, swap of neighbours) must find the products
 * the word finds.
 */
let tdb: TestDatabase | undefined;
let runtime: Runtime;
let engine: PostgresSearchEngine;
let tenant: TenantRef;

const search = (q: string, more: Partial<SearchQuery> = {}): Promise<SearchResult> =>
  engine.search(tenant, { q, sort: 'relevance', page: 1, limit: 100, ...more });
const ids = (r: SearchResult) => r.items.map((i) => i.id);

const EXAMPLES: FixtureProduct[] = [
  { id: 'prd_ex_impact', vendorId: 'ven_ex', title: 'Cordless impact driver 18V', basePriceMinor: 12_900 },
  { id: 'prd_ex_impact2', vendorId: 'ven_ex', title: 'Impact driver bit set', basePriceMinor: 1_900 },
  { id: 'prd_ex_pump', vendorId: 'ven_ex', title: 'Hydraulic pump 24V', basePriceMinor: 45_000 },
];

beforeAll(async () => {
  tdb = await createTestDatabase();
  runtime = await createRuntime(testConfig(tdb.url));
  engine = new PostgresSearchEngine(runtime.database, 0);
  const t = await createTenant(
    runtime,
    { name: 'Recall shop', slug: 'recall', ownerEmail: 'o@recall.test' },
    { type: 'system', id: 'test' },
  );
  await runProvisioning(runtime, t.id, { finalAttempt: true });
  tenant = { id: t.id, schemaName: t.schemaName };
  const catalog = generateCatalog({ products: 400, vendors: 12 }, 7);
  await insertCatalog(runtime.database, tenant, {
    vendors: [...catalog.vendors, { id: 'ven_ex', name: 'Example Tools', status: 'approved' }],
    categories: catalog.categories,
    products: [
      ...[...catalog.products].map(({ imageKey, ...p }) => ({ ...p, imageKeys: imageKey ? [imageKey] : [] })),
      ...EXAMPLES,
    ],
  });
  await engine.reindexAll(tenant);
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  if (runtime) await cleanupRedisPrefix(runtime.config.redisUrl, runtime.config.queuePrefix);
  await tdb?.drop();
});

describe('typo recall (PostgreSQL engine)', () => {
  it('finds "impact driver" typed "impcat driver", and says what it searched', async () => {
    const r = await search('impcat driver');
    expect(ids(r).sort()).toEqual(['prd_ex_impact', 'prd_ex_impact2']);
    expect(r.dropped).toEqual([]);
    expect(r.didYouMean).toBe('impact driver');
  });

  it('drops a word that matches nothing, shows what the others find, and suggests a spelling', async () => {
    const hydraulic = await search('hydraulic');
    const r = await search('hydraulic pmp');
    expect(hydraulic.total).toBeGreaterThan(1);
    expect(r.total).toBe(hydraulic.total);
    expect(ids(r)).toContain('prd_ex_pump');
    expect(r.dropped).toEqual(['pmp']);
    expect(r.didYouMean).toBe('hydraulic pump');
    // The suggestion finds what it promises.
    expect(ids(await search(r.didYouMean as string))).toContain('prd_ex_pump');
  });

  it('returns nothing, not the whole catalog, when every word is dropped', async () => {
    const r = await search('zzqqxx qqzzyy');
    expect(r.items).toEqual([]);
    expect(r.total).toBe(0);
    expect(r.dropped).toEqual(['zzqqxx', 'qqzzyy']);
    expect(r.didYouMean).toBeNull();
  });

  it('finds what a word finds through single-edit typos of every kind, for >= 99% of the typos', async () => {
    const vocabulary = await withTenant(runtime.database, tenant, async ({ db, t }) => {
      const r = await db.execute<{ word: string }>(
        sql`select distinct word from ${t.searchWords} order by word`,
      );
      return new Set(r.rows.map((x) => x.word));
    });
    const words = [...vocabulary].filter((w) => w.length >= 5);
    // The products a word finds as typed (visible ones), without the search's own typo tolerance.
    const exactly = (word: string) =>
      withTenant(runtime.database, tenant, async ({ db, t }) => {
        const r = await db.execute<{ id: string }>(sql`
          select p.id from ${t.products} p join ${t.vendors} v on v.id = p.vendor_id and v.status = 'approved'
          where p.status = 'published' and p.search_document @@ plainto_tsquery('simple', ${word})`);
        return r.rows.map((x) => x.id);
      });
    expect(words).toEqual(expect.arrayContaining(['hydraulic', 'impact', 'pneumatic']));
    const tried: Record<TypoKind, number> = { insert: 0, delete: 0, substitute: 0, transpose: 0 };
    const misses: string[] = [];
    let searched = 0;
    for (const word of words) {
      const intended = await exactly(word);
      if (!intended.length) continue; // only hidden products use it
      for (const { kind, typo } of singleEditTypos(word, { perKind: 1 })) {
        // Another word of the catalog: no engine can tell it is a typo.
        if (vocabulary.has(typo)) continue;
        tried[kind]++;
        searched++;
        const r = await search(typo);
        const found = new Set(ids(r));
        // Within a page of 100, every intended product; beyond, at least as many (the search
        // adds corrections as alternatives, so it finds a superset when it corrects at all).
        const ok =
          !r.dropped.length &&
          (r.total > 100 ? r.total >= intended.length : intended.every((id) => found.has(id)));
        if (!ok) misses.push(`${kind} ${word} -> ${typo} (${r.total} of ${intended.length})`);
      }
    }
    for (const kind of TYPO_KINDS) expect(tried[kind]).toBeGreaterThan(100);
    const recall = 1 - misses.length / searched;
    expect({ recall: recall >= 0.99 ? 'ok' : recall, misses: misses.slice(0, 20) }).toEqual({
      recall: 'ok',
      misses: expect.any(Array),
    });
  }, 120_000);
});
