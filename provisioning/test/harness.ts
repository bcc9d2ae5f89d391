import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Config } from '@agora/config';
import { createRuntime, getTenant, type Runtime } from '@agora/core';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  eventually,
  type TestDatabase,
  testConfig,
} from '@agora/testing';

export type Harness = { tdb: TestDatabase; config: Config; runtime: Runtime; close(): Promise<void> };

export async function createHarness(overrides: Record<string, string> = {}): Promise<Harness> {
  const tdb = await createTestDatabase();
  const config = testConfig(tdb.url, { AGORA_JOB_LOCK_MS: '1500', ...overrides });
  const runtime = await createRuntime(config);
  return {
    tdb,
    config,
    runtime,
    async close() {
      await runtime.close();
      await cleanupRedisPrefix(config.redisUrl, config.queuePrefix);
      await tdb.drop();
    },
  };
}

const workerEntry = fileURLToPath(new URL('../src/worker.ts', import.meta.url));

/** The real worker process, as `npm start` runs it, with extra environment (failpoints). */
export function spawnWorker(
  config: Config,
  env: Record<string, string> = {},
): ChildProcess & { output: string[] } {
  const child = spawn(process.execPath, ['--import', 'tsx', workerEntry], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl,
      AGORA_QUEUE_PREFIX: config.queuePrefix,
      AGORA_JOB_LOCK_MS: String(config.jobLockMs),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { output: string[] };
  child.output = [];
  child.stdout?.on('data', (d) => child.output.push(String(d)));
  child.stderr?.on('data', (d) => child.output.push(String(d)));
  return child;
}

export const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

export function waitForStatus(h: Harness, tenantId: string, status: string, timeoutMs = 30_000) {
  return eventually(
    async () => {
      const t = await getTenant(h.runtime.database, tenantId);
      return t?.status === status ? t : null;
    },
    { timeoutMs, what: `tenant ${tenantId} to be ${status}` },
  );
}

export async function objectCounts(h: Harness, tenant: { id: string; schemaName: string }) {
  const q = async (sql: string, params: unknown[] = []) =>
    (await h.runtime.database.pool.query(sql, params)).rows[0].n as number;
  return {
    roles: await q('select count(*)::int as n from pg_roles where rolname = $1', [tenant.schemaName]),
    schemas: await q('select count(*)::int as n from pg_namespace where nspname = $1', [tenant.schemaName]),
    migrations: await q('select count(*)::int as n from platform.schema_migrations where schema_name = $1', [
      tenant.schemaName,
    ]),
    domains: await q(
      "select count(*)::int as n from platform.domains where tenant_id = $1 and kind = 'platform'",
      [tenant.id],
    ),
  };
}
