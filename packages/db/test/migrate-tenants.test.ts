import { createTestDatabase, type TestDatabase } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, type Migration, migrateTenants, withClient } from '../src/index.js';
import { makeBareTenant } from './helpers.js';

let tdb: TestDatabase;
let tenants: { id: string; schemaName: string }[];

beforeAll(async () => {
  tdb = await createTestDatabase();
  tenants = [];
  for (let i = 0; i < 6; i++) tenants.push(await makeBareTenant(tdb.database));
});
afterAll(() => tdb?.drop());

const appliedCount = async (schema: string) => {
  const { rows } = await tdb.database.pool.query(
    'select count(*)::int as n from platform.schema_migrations where schema_name = $1',
    [schema],
  );
  return rows[0].n as number;
};

describe('migrateTenants', () => {
  it('migrates every schema, reports a broken one, and does not let it block the others', async () => {
    const broken = tenants[2]!.schemaName;
    // A table already in the way makes the first migration fail for this schema only.
    await withClient(tdb.database, async (c) => {
      await c.query(
        `set role "${tdb.database.ownerRole}"; create table "${broken}".settings (x int); reset role`,
      );
    });
    const progress: number[] = [];
    const summary = await migrateTenants(tdb.database, {
      concurrency: 3,
      onProgress: (p) => progress.push(p.done),
    });

    expect(summary.total).toBe(6);
    expect(summary.migrated).toBe(5);
    expect(summary.failed).toEqual([{ schema: broken, error: expect.stringMatching(/already exists/) }]);
    expect(progress.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await appliedCount(broken)).toBe(0);
    for (const t of tenants.filter((t) => t.schemaName !== broken)) {
      expect(await appliedCount(t.schemaName)).toBe(loadMigrations('tenant').length);
    }

    // Fix the schema and rerun: only the broken one is migrated now.
    await withClient(tdb.database, (c) =>
      c.query(`set role "${tdb.database.ownerRole}"; drop table "${broken}".settings; reset role`),
    );
    const again = await migrateTenants(tdb.database, { concurrency: 3 });
    expect(again).toMatchObject({ total: 6, migrated: 1, current: 5, failed: [] });
  });

  it('is a no-op when everything is current', async () => {
    const summary = await migrateTenants(tdb.database);
    expect(summary).toMatchObject({ total: 6, migrated: 0, current: 6, failed: [] });
  });

  it('applies a new migration once, adding a column and an index that the tenant role can use', async () => {
    const extra: Migration = {
      name: '9999_test_extra',
      checksum: 'abc',
      statements: [
        'ALTER TABLE "tenant_template"."users" ADD COLUMN "nickname" text',
        'CREATE INDEX "users_nickname_idx" ON "tenant_template"."users" ("nickname")',
      ],
    };
    const migrations = [...loadMigrations('tenant'), extra];
    const first = await migrateTenants(tdb.database, { migrations, concurrency: 4 });
    expect(first).toMatchObject({ migrated: 6, failed: [] });
    const second = await migrateTenants(tdb.database, { migrations });
    expect(second).toMatchObject({ migrated: 0, current: 6 });

    const t = tenants[0]!;
    const { rows } = await withClient(tdb.database, (c) =>
      c.query(
        `begin; set local role "${t.schemaName}"; select nickname from "${t.schemaName}".users; commit`,
      ),
    ).then((r) => (Array.isArray(r) ? r[2] : r));
    expect(rows).toEqual([]);
  });

  it('refuses to run over a migration whose file changed after it was applied', async () => {
    const changed = loadMigrations('tenant').map((m, i) => (i === 0 ? { ...m, checksum: 'different' } : m));
    const summary = await migrateTenants(tdb.database, { migrations: changed });
    expect(summary.failed).toHaveLength(6);
    expect(summary.failed[0]?.error).toMatch(/changed after it was applied/);
  });

  it('resumes after an interrupted run: committed schemas stay, the rest are applied', async () => {
    const extra: Migration = {
      name: '9999_test_resume',
      checksum: 'def',
      statements: ['SELECT pg_sleep(0.2)'],
    };
    const migrations = [
      ...loadMigrations('tenant'),
      { name: '9999_test_extra', checksum: 'abc', statements: [] },
      extra,
    ];
    // Kill the run's connections while it is busy, as a crash would.
    const run = migrateTenants(tdb.database, { migrations, concurrency: 2 });
    await new Promise((r) => setTimeout(r, 300));
    await tdb.database.pool.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query like '%pg_sleep%'`,
    );
    const interrupted = await run;
    expect(interrupted.failed.length + interrupted.migrated).toBe(6);
    expect(interrupted.failed.length).toBeGreaterThan(0);

    const resumed = await migrateTenants(tdb.database, { migrations, concurrency: 2 });
    expect(resumed.migrated).toBe(interrupted.failed.length);
    expect(resumed.failed).toEqual([]);
    for (const t of tenants) expect(await appliedCount(t.schemaName)).toBe(migrations.length);
  });
});
