import { type Config, loadConfig } from '@agora/config';
import {
  connectDatabase,
  type Database,
  dropAppDatabase,
  ensureAppDatabase,
  migratePlatform,
} from '@agora/db';
import { inject } from 'vitest';
import './provided.js';

export { startTestPostgres, startTestRedis } from './services.js';

const rand = () => Math.random().toString(36).slice(2, 10);

export type TestDatabase = { url: string; name: string; database: Database; drop(): Promise<void> };

/**
 * A fresh database with its own login role (named like the database) and a migrated platform
 * schema. Role names are cluster-wide, so names are random; `drop()` removes the database and
 * every role it created, tenant roles included.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `agora_test_${rand()}`;
  const url = await ensureAppDatabase(adminUrl, name, 'test');
  const database = await connectDatabase(url, { max: 8 });
  await migratePlatform(database);
  return {
    url,
    name,
    database,
    drop: async () => {
      await database.close();
      await dropAppDatabase(adminUrl, name);
    },
  };
}

/** Config for a test: its own database and an isolated BullMQ prefix on the shared Redis. */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: inject('redisUrl'),
    AGORA_QUEUE_PREFIX: `{agora-test-${rand()}}`,
    AGORA_TENANT_CACHE_TTL_MS: '5000',
    ...overrides,
  });
}

export const adminDatabaseUrl = () => inject('adminDatabaseUrl');
export const redisUrl = () => inject('redisUrl');

/** Delete every Redis key under a test's queue prefix. */
export async function cleanupRedisPrefix(url: string, prefix: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Poll until `fn` returns a truthy value, or fail with the last value seen. */
export async function eventually<T>(
  fn: () => Promise<T>,
  { timeoutMs = 20_000, intervalMs = 100, what = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}`);
}
export {
  type FixtureCategory,
  type FixtureProduct,
  type FixtureVendor,
  insertCatalog,
} from './catalog-fixtures.js';
export { tinyJpeg, tinyPng } from './images.js';
export { type FixtureOrder, insertCompany, insertOrder } from './order-fixtures.js';
