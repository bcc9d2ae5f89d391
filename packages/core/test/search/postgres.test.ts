import { withTenant } from '@agora/db';
import { cleanupRedisPrefix, createTestDatabase, type TestDatabase, testConfig } from '@agora/testing';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createRuntime,
  createTenant,
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
    engine: new PostgresSearchEngine(rt.database),
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
      const r = await db.execute<{ doc: string; txt: string }>(
        sql`select search_document::text as doc, search_text as txt from products where id = 'prd_p1'`,
      );
      return r.rows[0];
    });
    expect(row?.doc).toContain("'hydraulic':1A");
    expect(row?.doc).toMatch(/'hp':\d+A/);
    expect(row?.doc).toMatch(/'voltage':\d+B/);
    expect(row?.doc).toMatch(/'hydro':\d+B/);
    expect(row?.doc).toMatch(/'fluid':\d+C/);
    expect(row?.doc).toMatch(/'compact':\d+(?![A-C])/);
    expect(row?.txt).toBe('hydraulic pump 12v hp-100 hydro parts gmbh fluid power pumps');
  });

  it('rewrites nothing when nothing changed, and one statement per batch otherwise', async () => {
    const written = await withTenant((runtime as Runtime).database, a(), (tx) =>
      reindexProductsTx(tx, ['prd_p1', 'prd_p2', 'prd_p1']),
    );
    expect(written).toBe(0);
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

  it('ignores words made of punctuation only and matches nothing for unknown words', async () => {
    expect((await search({ q: ' -- / ' })).total).toBe(6);
    expect((await search({ q: 'pump zzqqxx' })).total).toBe(0);
  });
});
