import { createTestDatabase, type TestDatabase } from '@agora/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateTenantSchema, type TenantRef, withTenant } from '../src/index.js';
import { makeBareTenant } from './helpers.js';

/**
 * What tenant A's role can learn about tenant B from the catalogs (issue 11, ADR 0001 "What a
 * tenant role can see"). The test database is made by ensureAppDatabase with a superuser, which
 * runs sql/restrict-statistics.sql.
 */
let tdb: TestDatabase;
let a: TenantRef;
let b: TenantRef;
const theme = { primaryColor: '#000000' };

beforeAll(async () => {
  tdb = await createTestDatabase();
  a = await makeBareTenant(tdb.database);
  b = await makeBareTenant(tdb.database);
  await migrateTenantSchema(tdb.database, a.schemaName);
  await migrateTenantSchema(tdb.database, b.schemaName);
  await withTenant(tdb.database, b, ({ db, t }) =>
    db.insert(t.settings).values({ publicName: 'Shop B', theme }),
  );
  // Statistics and estimates for B's tables exist, as on any server that has run for a while.
  await tdb.database.pool.query(
    `set role "${tdb.database.ownerRole}"; analyze "${b.schemaName}".settings; reset role`,
  );
});
afterAll(() => tdb?.drop());

/** Run one query as tenant A: the rows, or the SQLSTATE it failed with. */
async function asA(query: string): Promise<{ rows: Record<string, unknown>[] } | { code: string }> {
  try {
    const rows = await withTenant(tdb.database, a, async ({ db }) => (await db.execute(sql.raw(query))).rows);
    return { rows };
  } catch (e) {
    return { code: (e as { cause?: { code?: string } }).cause?.code ?? String(e) };
  }
}

const bTable = () =>
  `(select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = '${b.schemaName}' and c.relname = 'settings')`;

describe("tenant A's role and tenant B's statistics", () => {
  // Built when they run: the tenants exist only after beforeAll.
  const refused: [string, () => string][] = [
    [
      'activity counters (pg_stat_all_tables)',
      () => `select n_live_tup, n_tup_ins from pg_stat_all_tables where schemaname = '${b.schemaName}'`,
    ],
    [
      'I/O counters (pg_statio_all_tables)',
      () => `select heap_blks_read from pg_statio_all_tables where schemaname = '${b.schemaName}'`,
    ],
    [
      'index counters (pg_stat_all_indexes)',
      () => `select idx_scan from pg_stat_all_indexes where schemaname = '${b.schemaName}'`,
    ],
    ['the functions behind them', () => `select pg_stat_get_live_tuples(${bTable()})`],
    ['table sizes', () => `select pg_total_relation_size(${bTable()})`],
    [
      "the planner's row and page estimates",
      () => `select reltuples, relpages from pg_class where oid = ${bTable()}`,
    ],
    ['sessions and their queries (pg_stat_activity)', () => 'select query from pg_stat_activity'],
    ['locks (pg_locks)', () => 'select relation from pg_locks'],
    // PostgreSQL already shows a role only the column statistics of tables it may read.
    [
      'column statistics (pg_stats)',
      () => `select attname from pg_stats where schemaname = '${b.schemaName}'`,
    ],
  ];
  it.each(refused)('cannot read %s', async (_what, query) => {
    expect(await asA(query())).toEqual({ code: '42501' });
  });

  it("sees B's table names and function sources, which are the shared template's, with no data of B", async () => {
    const names = (schema: string) =>
      asA(`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = '${schema}' and c.relkind = 'r' order by 1`);
    expect(await names(b.schemaName)).toEqual(await names(a.schemaName));
    const sources = (schema: string) =>
      asA(`select p.proname, replace(p.prosrc, '${schema}', 'S') as src from pg_proc p
             join pg_namespace n on n.oid = p.pronamespace where n.nspname = '${schema}' order by 1`);
    const ofB = await sources(b.schemaName);
    expect(('rows' in ofB ? ofB.rows : []).map((r) => r.proname)).toEqual([
      'bump_catalog_version',
      'bump_commission_version',
      'check_shipped_qty',
      'ledger_append_only',
      'ledger_check_entries',
      'ledger_post',
      'orders_kept',
    ]);
    expect(ofB).toEqual(await sources(a.schemaName));
  });

  it('leaves the statistics to the login role itself (tooling, tests) and to pg_read_all_stats', async () => {
    const { rows } = await tdb.database.pool.query(
      `select (select count(*)::int from pg_stat_activity where datname = current_database()) > 0 as activity,
              has_function_privilege('pg_read_all_stats', 'pg_stat_get_live_tuples(oid)', 'EXECUTE') as monitoring`,
    );
    expect(rows[0]).toEqual({ activity: true, monitoring: true });
  });
});

describe("tenant A's role and tenant B's ledger", () => {
  const mayExecute = (schema: string) =>
    asA(`select has_function_privilege(current_user, p.oid, 'EXECUTE') as may from pg_proc p
           join pg_namespace n on n.oid = p.pronamespace where n.nspname = '${schema}' and p.proname = 'ledger_post'`);

  it("may run its own ledger_post (the only way to write its ledger) and not B's, even by oid", async () => {
    expect(await mayExecute(a.schemaName)).toEqual({ rows: [{ may: true }] });
    expect(await mayExecute(b.schemaName)).toEqual({ rows: [{ may: false }] });
    expect(await asA(`select * from "${b.schemaName}".ledger_post('[]', '[]', '[]')`)).toEqual({
      code: '42501',
    });
  });
});
