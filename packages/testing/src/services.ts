import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@agora/db/embedded';
import { redisAnswers, spawnRedisServer } from '@agora/queue';

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
    // The launcher's errors say what happened (EmbeddedPostgresError); add what tests can do instead.
    throw new Error(`${(e as Error).message}\nOr set DATABASE_URL to a server tests may use.`);
  }
}

/**
 * Redis for tests: REDIS_URL when given, else one on 127.0.0.1:6379, else a private
 * `redis-server` on a free port, else an error that says what to install.
 */
export async function startTestRedis(env = process.env): Promise<Service> {
  if (env.REDIS_URL) return { url: env.REDIS_URL, stop: async () => {} };
  const fallback = 'redis://127.0.0.1:6379';
  if (await redisAnswers(fallback)) return { url: fallback, stop: async () => {} };
  return spawnRedisServer();
}
