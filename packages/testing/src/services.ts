import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEmbeddedPostgres } from '@agora/db/embedded';
import { Redis } from 'ioredis';

export type Service = { url: string; stop(): Promise<void> };

/**
 * PostgreSQL for tests: DATABASE_URL when given (it must allow CREATE DATABASE and CREATE ROLE:
 * every test file makes its own database and roles), otherwise a throwaway embedded server.
 */
export async function startTestPostgres(env = process.env): Promise<Service> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'agora-pg-'));
  // As root the server runs as a `postgres` system user, which must reach the directory.
  chmodSync(dir, 0o755);
  try {
    const server = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), ephemeral: true });
    return {
      url: server.adminUrl,
      stop: async () => {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start the embedded PostgreSQL (${(e as Error).message}). Set DATABASE_URL to a server tests may use.`);
  }
}

/**
 * Redis for tests: REDIS_URL when given, else one on 127.0.0.1:6379, else a private
 * `redis-server` on a free port, else a message saying what to install.
 */
export async function startTestRedis(env = process.env): Promise<Service> {
  if (env.REDIS_URL) return { url: env.REDIS_URL, stop: async () => {} };
  const fallback = 'redis://127.0.0.1:6379';
  if (await redisAnswers(fallback)) return { url: fallback, stop: async () => {} };
  return spawnPrivateRedis();
}

export async function redisAnswers(url: string): Promise<boolean> {
  const r = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => {});
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

export async function spawnPrivateRedis(): Promise<Service> {
  const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  if (found.error || found.status !== 0) {
    throw new Error(
      'No Redis answers on 127.0.0.1:6379 and redis-server is not installed. ' +
        'Install Redis (Debian/Ubuntu: `apt-get install -y redis-server`; macOS: `brew install redis`) or set REDIS_URL.',
    );
  }
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(url)) {
      return {
        url,
        stop: async () => {
          child.kill('SIGTERM');
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('redis-server was started but did not answer within 5 seconds');
}
