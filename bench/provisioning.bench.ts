import { createTenant, runProvisioning } from '@agora/core';
import { loadMigrations, sqlForSchema } from '@agora/db';
import { appDatabase, bench, envInt, fmt, percentile, runtime, table, time, verdict } from './lib.js';

/**
 * Provisioning one tenant (runProvisioning, in-process, every step) against the least it could
 * cost: CREATE SCHEMA plus the tenant migration SQL sent directly over one connection.
 */
const TENANTS = envInt('BENCH_TENANTS', 200);
const WARMUP = Math.min(10, TENANTS);

await bench('provisioning', async (t) => {
  const rt = await runtime(t, await appDatabase(t));
  const direct = await rt.database.pool.connect();
  t.add(() => direct.release());
  const migrations = loadMigrations('tenant');
  const actor = { type: 'system', id: 'bench' } as const;

  const provisioning: number[] = [];
  const baseline: number[] = [];
  for (let i = -WARMUP; i < TENANTS; i++) {
    const n = i + WARMUP;
    const tenant = await createTenant(
      rt,
      { name: `Bench ${n}`, slug: `bench-${n}`, ownerEmail: `owner${n}@bench.test` },
      actor,
    );
    const provision = async () => {
      let status = '';
      const ms = await time(async () => {
        status = (await runProvisioning(rt, tenant.id, { finalAttempt: true })).status;
      });
      if (status !== 'active') throw new Error(`tenant ${tenant.id} ended ${status}`);
      if (i >= 0) provisioning.push(ms);
    };
    const schema = `bench_direct_${n}`;
    const createDirect = async () => {
      const ms = await time(async () => {
        await direct.query(`CREATE SCHEMA "${schema}"`);
        for (const m of migrations) await direct.query(sqlForSchema(m, schema).join(';\n'));
      });
      if (i >= 0) baseline.push(ms);
    };
    // Alternate which goes first so drift (growing catalogs, caches) hits both alike.
    if (n % 2) {
      await provision();
      await createDirect();
    } else {
      await createDirect();
      await provision();
    }
  }

  console.log(`\n${TENANTS} tenants (after ${WARMUP} warmup), wall time per tenant in ms\n`);
  const p = (xs: number[], q: number) => fmt(percentile(xs, q));
  table([
    ['', 'p50', 'p95', 'max'],
    ['runProvisioning', p(provisioning, 50), p(provisioning, 95), p(provisioning, 100)],
    ['direct schema + migration', p(baseline, 50), p(baseline, 95), p(baseline, 100)],
  ]);
  console.log();
  verdict('ratio p50 / p50', percentile(provisioning, 50) / percentile(baseline, 50), { max: 2 });
  verdict('ratio p95 / p95', percentile(provisioning, 95) / percentile(baseline, 95), { max: 2 });
});
