import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@agora/config';
import { createRuntime, type Runtime } from '@agora/core';
import {
  connectDatabase,
  type Database,
  dropAppDatabase,
  ensureAppDatabase,
  migratePlatform,
} from '@agora/db';
import { startEmbeddedPostgres } from '@agora/db/embedded';
import pg from 'pg';

/** Cleanups run last-in first-out, on success, failure and Ctrl-C alike. */
export class Teardown {
  private readonly steps: (() => Promise<unknown> | unknown)[] = [];

  add(step: () => Promise<unknown> | unknown): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step();
      } catch (e) {
        console.error('cleanup failed:', e);
      }
    }
  }
}

/** Run a benchmark with a teardown that always runs; a failure sets a non-zero exit code. */
export async function bench(name: string, main: (t: Teardown) => Promise<void>): Promise<void> {
  const t = new Teardown();
  const interrupted = () => {
    console.error(`\n${name}: interrupted, cleaning up`);
    void t.run().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const cpu = cpus();
  console.log(`# ${name} | ${new Date().toISOString()} | node ${process.version} | ${cpu.length} cores`);
  try {
    await main(t);
  } catch (e) {
    console.error(`${name} failed:`, e);
    process.exitCode = 1;
  } finally {
    await t.run();
  }
}

const rand = () => Math.random().toString(36).slice(2, 10);

/**
 * A fresh app database (with its own login role) on DATABASE_URL, used as an admin URL, or on a
 * throwaway embedded PostgreSQL. Dropped at teardown together with every role it created.
 */
export async function appDatabase(t: Teardown): Promise<string> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'agora-bench-pg-'));
    chmodSync(dir, 0o755); // as root the server runs as a `postgres` user that must reach it
    t.add(() => rmSync(dir, { recursive: true, force: true }));
    const server = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), ephemeral: true });
    t.add(() => server.stop());
    adminUrl = server.adminUrl;
  }
  const admin = adminUrl;
  const name = `agora_bench_${rand()}`;
  t.add(() => dropAppDatabase(admin, name));
  return ensureAppDatabase(admin, name, `bench-${rand()}`);
}

/** A pool on the app database, platform schema migrated. */
export async function connect(t: Teardown, url: string, max = 10): Promise<Database> {
  const database = await connectDatabase(url, { max, applicationName: 'agora-bench' });
  t.add(() => database.close());
  await migratePlatform(database);
  const { rows } = await database.pool.query<{ v: string }>(`select current_setting('server_version') as v`);
  console.log(
    `# PostgreSQL ${rows[0]?.v} (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded, fsync off'})`,
  );
  return database;
}

/**
 * The runtime every process builds, with a private queue prefix and data directory; `env` adds
 * settings (as environment variables would).
 */
export async function runtime(
  t: Teardown,
  url: string,
  env: Record<string, string> = {},
  applicationName = 'agora-bench',
): Promise<Runtime> {
  const dataDir = mkdtempSync(join(tmpdir(), 'agora-bench-data-'));
  t.add(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({
    DATABASE_URL: url,
    AGORA_DATA_DIR: dataDir,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    AGORA_QUEUE_PREFIX: `{agora-bench-${rand()}}`,
    ...env,
  });
  const rt = await createRuntime(config, { applicationName });
  t.add(() => rt.close());
  t.add(async () => {
    let cursor = '0';
    do {
      const [next, keys] = await rt.redis.scan(cursor, 'MATCH', `${config.queuePrefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await rt.redis.del(...keys);
    } while (cursor !== '0');
  });
  await migratePlatform(rt.database);
  return rt;
}

export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}

/** Wall time of `fn` in milliseconds. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** A ratio line with the goal it is held to. */
export function verdict(label: string, ratio: number, goal: { max?: number; min?: number }): void {
  const ok = (goal.max === undefined || ratio <= goal.max) && (goal.min === undefined || ratio >= goal.min);
  const want = goal.max === undefined ? `>= ${goal.min}` : `<= ${goal.max}`;
  console.log(`${label.padEnd(28)} ${fmt(ratio, 2).padStart(8)}   goal ${want}   ${ok ? 'MET' : 'NOT MET'}`);
}

/** Print rows as aligned columns; the first row is the header. */
export function table(rows: (string | number)[][]): void {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((r) => r[i]?.length ?? 0))) ?? [];
  for (const r of cells)
    console.log(r.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('   '));
}

/**
 * Build the storefront with the benchmark's routes (`/bare`, the baseline) into
 * storefront/build-bench; the production build has no such route. About 10 s.
 */
export function buildBenchStorefront(): 'build-bench' {
  const storefront = fileURLToPath(new URL('../storefront/', import.meta.url));
  execFileSync('npx', ['--yes', 'pnpm@10.34.8', 'run', 'build:bench'], { cwd: storefront, stdio: 'inherit' });
  return 'build-bench';
}

/**
 * CPU of this process plus the PostgreSQL backends of the pools named `applicationNames`, read
 * from /proc (a local server only; backends count 0 otherwise). Unlike throughput it hardly moves
 * with other load on the machine, so it says what a variant costs when the machine is shared.
 */
export async function cpuMeter(t: Teardown, url: string, applicationNames: string[]) {
  const monitor = new pg.Client({ connectionString: url });
  await monitor.connect();
  t.add(() => monitor.end());
  const backendMs = async () => {
    const { rows } = await monitor.query<{ pid: number }>(
      'select pid from pg_stat_activity where application_name = any($1)',
      [applicationNames],
    );
    let ticks = 0;
    for (const { pid } of rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
      } catch {}
    }
    return ticks * 10; // 100 ticks a second
  };
  /** Run `fn`; what it cost in CPU milliseconds: this process, the backends, and both. */
  return async <T>(
    fn: () => Promise<T>,
  ): Promise<{ result: T; cpuMs: number; nodeMs: number; pgMs: number }> => {
    const pgBefore = await backendMs();
    const before = process.cpuUsage();
    const result = await fn();
    const used = process.cpuUsage(before);
    const nodeMs = (used.user + used.system) / 1000;
    const pgMs = (await backendMs()) - pgBefore;
    return { result, cpuMs: nodeMs + pgMs, nodeMs, pgMs };
  };
}
