import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, type WorkerHandle } from '../src/index.js';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
let worker: WorkerHandle;
const cliEntry = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

beforeAll(async () => {
  h = await createHarness();
  worker = await startWorkers(h.runtime);
});
afterAll(async () => {
  await worker?.close();
  await h?.close();
});

/** Run `pnpm agora ...` as an operator would, against this test's database and Redis prefix. */
function agora(...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cliEntry, ...args], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: h.config.databaseUrl,
        REDIS_URL: h.config.redisUrl,
        AGORA_QUEUE_PREFIX: h.config.queuePrefix,
      },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('pnpm agora', () => {
  it('explains itself without a command', async () => {
    const { code, out } = await agora();
    expect(code).toBe(1);
    expect(out).toContain('tenants:migrate');
  });

  it('says when there are no tenants yet', async () => {
    const { code, out } = await agora('tenants:list');
    expect(code).toBe(0);
    expect(out).toContain('No tenants yet');
  });

  it('creates a tenant and follows it until it is active, then lists it', async () => {
    const created = await agora(
      'tenants:create',
      '--name',
      'Cli Co',
      '--slug',
      'cli-co',
      '--owner-email',
      'o@cli.test',
    );
    expect(created.out).toContain('✓ Apply migrations');
    expect(created.out).toContain('Active at http://cli-co.localhost');
    expect(created.code).toBe(0);
    const listed = await agora('tenants:list');
    expect(listed.out).toMatch(/cli-co\s+active\s+Cli Co/);
  });

  it('rebuilds the search index of a tenant', async () => {
    const done = await agora('search:reindex', '--tenant', 'cli-co');
    expect(done.out).toContain('cli-co: 0 products re-read, 0 in the postgres index');
    expect(done.code).toBe(0);
    expect((await agora('search:reindex')).code).toBe(2);
    expect((await agora('search:reindex', '--tenant', 'nope')).code).toBe(1);
  });

  it('names each invalid option and exits non-zero', async () => {
    const { code, out } = await agora(
      'tenants:create',
      '--name',
      'X',
      '--slug',
      'Bad Slug',
      '--owner-email',
      'nope',
    );
    expect(code).toBe(2);
    expect(out).toContain('--slug');
    expect(out).toContain('--owner-email');
    expect(out).toContain('--name');
  });

  it('migrates all tenants with a summary, and exits 1 when a schema fails', async () => {
    const ok = await agora('tenants:migrate', '--concurrency', '2');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Tenant schemas: 1 total, 0 migrated, 1 already current, 0 failed/);

    const { rows } = await h.runtime.database.pool.query(
      `select schema_name from platform.tenants where slug = 'cli-co'`,
    );
    await h.runtime.database.pool.query('delete from platform.schema_migrations where schema_name = $1', [
      rows[0].schema_name,
    ]);
    const failed = await agora('tenants:migrate');
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/1 failed/);
    expect(failed.out).toContain(rows[0].schema_name);
  });

  it('rejects an unknown command', async () => {
    const { code, out } = await agora('tenants:explode');
    expect(code).toBe(2);
    expect(out).toContain('Unknown command "tenants:explode"');
  });
});
