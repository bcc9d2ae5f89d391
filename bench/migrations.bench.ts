import { randomId } from '@agora/contracts';
import {
  createTenantRole,
  createTenantSchema,
  type Database,
  inTransaction,
  loadMigrations,
  type Migration,
  migrateTenantSchema,
  migrateTenants,
  sqlForSchema,
  withClient,
} from '@agora/db';
import { appDatabase, bench, connect, envInt, fmt, table, time, verdict } from './lib.js';

/**
 * Rolling one new migration (a column and its index) out to every tenant schema: the runner
 * (migrateTenants, bounded concurrency, ledger, locks) against a plain loop over one connection,
 * plus the runner's no-op rerun.
 */
const SCHEMAS = envInt('BENCH_SCHEMAS', 2000);
const ROUNDS = envInt('BENCH_ROUNDS', 2);
const CONCURRENCY = [2, 4, 8];

/** Tenants made the way provisioning makes them: row, role, schema, migrations, ledger. */
async function createTenants(database: Database, count: number): Promise<string[]> {
  const shorts = Array.from({ length: count }, () => randomId(12));
  await database.pool.query(
    `insert into platform.tenants (id, slug, name, status, schema_name, owner_email)
     select 'ten_' || s, 'shop-' || s, 'Shop ' || s, 'active', 't_' || s, 'owner@bench.test'
       from unnest($1::text[]) as s`,
    [shorts],
  );
  const schemas = shorts.map((s) => `t_${s}`);
  let next = 0;
  let done = 0;
  const lane = async () => {
    for (let schema = schemas[next++]; schema; schema = schemas[next++]) {
      await withClient(database, (c) =>
        inTransaction(c, async () => {
          await createTenantRole(database, c, schema);
          await createTenantSchema(database, c, schema);
        }),
      );
      await migrateTenantSchema(database, schema);
      if (++done % 500 === 0) console.log(`  ${done}/${count}`);
    }
  };
  await Promise.all([lane(), lane()]);
  return schemas;
}

const extraMigration = (column: string): Migration => ({
  name: `9000_${column}`,
  checksum: column,
  statements: [
    `ALTER TABLE "tenant_template"."users" ADD COLUMN "${column}" text`,
    `CREATE INDEX "users_${column}_idx" ON "tenant_template"."users" USING btree ("${column}")`,
  ],
});

await bench('migrations', async (t) => {
  const database = await connect(t, await appDatabase(t), 12);
  console.log(`creating ${SCHEMAS} tenant schemas...`);
  let schemas: string[] = [];
  const setupMs = await time(async () => {
    schemas = await createTenants(database, SCHEMAS);
  });
  console.log(`  done in ${fmt(setupMs / 1000)} s`);

  // The plain loop: one connection, the owner role set once, one statement batch per schema.
  const loopClient = await database.pool.connect();
  t.add(() => loopClient.release());
  await loopClient.query(`SET ROLE "${database.ownerRole}"`);
  const loop = (m: Migration) =>
    time(async () => {
      for (const s of schemas) await loopClient.query(sqlForSchema(m, s).join(';\n'));
    });

  const migrations = [...loadMigrations('tenant')];
  const runner = (concurrency: number, expect: 'migrated' | 'current') =>
    time(async () => {
      const summary = await migrateTenants(database, { migrations, concurrency });
      if (summary[expect] !== SCHEMAS) throw new Error(`expected all ${expect}: ${JSON.stringify(summary)}`);
    });

  const rows: (string | number)[][] = [['concurrency', 'round', 'runner ms', 'loop ms', 'no-op ms']];
  const totals = new Map<number, { runner: number; loop: number; noop: number }>();
  let pass = 0;
  for (const concurrency of CONCURRENCY) {
    const total = { runner: 0, loop: 0, noop: 0 };
    for (let round = 1; round <= ROUNDS; round++) {
      const tag = `c${concurrency}_r${round}`;
      // Alternate which goes first: catalogs grow with every pass.
      const order = pass++ % 2 === 0 ? (['runner', 'loop'] as const) : (['loop', 'runner'] as const);
      const ms = { runner: 0, loop: 0, noop: 0 };
      for (const which of order) {
        if (which === 'loop') ms.loop = await loop(extraMigration(`bench_loop_${tag}`));
        else {
          migrations.push(extraMigration(`bench_runner_${tag}`));
          ms.runner = await runner(concurrency, 'migrated');
        }
      }
      ms.noop = await runner(concurrency, 'current');
      total.runner += ms.runner;
      total.loop += ms.loop;
      total.noop += ms.noop;
      rows.push([
        String(concurrency),
        `${round} (${order[0]} first)`,
        fmt(ms.runner),
        fmt(ms.loop),
        fmt(ms.noop),
      ]);
    }
    totals.set(concurrency, total);
  }

  console.log(`\n${SCHEMAS} schemas, one ADD COLUMN + CREATE INDEX each; wall time per pass\n`);
  table(rows);
  console.log();
  for (const [concurrency, total] of totals) {
    verdict(`runner/loop   c=${concurrency}`, total.runner / total.loop, { max: 1 });
    verdict(`no-op/loop    c=${concurrency}`, total.noop / total.loop, { max: 0.2 });
  }
});
