import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropAppDatabase, ensureAppDatabase } from '@agora/db';
import { freePort } from '@agora/db/embedded';
import { startTestRedis } from '@agora/testing/services';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Start the whole platform the way `npm start` does, on a free port with a throwaway data
 * directory (or a fresh database on DATABASE_URL's server), and stop it afterwards.
 */
export default async function globalSetup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'agora-e2e-'));
  chmodSync(dataDir, 0o755);
  const redis = await startTestRedis();
  const port = await freePort();
  const prefix = `{agora-e2e-${Math.random().toString(36).slice(2, 8)}}`;
  const dbName = `agora_e2e_${Math.random().toString(36).slice(2, 8)}`;
  const adminUrl = process.env.DATABASE_URL;
  const databaseUrl = adminUrl ? await ensureAppDatabase(adminUrl, dbName, 'e2e') : undefined;

  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      PORT: String(port),
      AGORA_DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      AGORA_QUEUE_PREFIX: prefix,
      AGORA_JOB_LOCK_MS: '3000',
      // Every browser test logs in from 127.0.0.1; the per-account limits stay as they are.
      AGORA_LOGIN_ADDRESS_LIMIT: '1000',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout?.on('data', (d) => {
    output += d;
  });
  server.stderr?.on('data', (d) => {
    output += d;
  });

  const deadline = Date.now() + 180_000;
  while (!output.includes('Agora is running')) {
    if (server.exitCode !== null) throw new Error(`the server exited during start:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the server did not start within 3 minutes:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  process.env.AGORA_E2E_PORT = String(port);
  // Specs that set up rows the UI cannot make yet (orders, before checkout pages exist) reach
  // the server's database: DATABASE_URL's app database, or the embedded one's (postgres.json).
  process.env.AGORA_E2E_DATABASE_URL =
    databaseUrl ?? (JSON.parse(readFileSync(join(dataDir, 'postgres.json'), 'utf8')) as { url: string }).url;

  return async () => {
    server.kill('SIGINT');
    await new Promise((r) => server.once('exit', r));
    await redis.stop();
    if (adminUrl) await dropAppDatabase(adminUrl, dbName);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
