import { type Config, requireDatabaseUrl } from '@agora/config';
import { connectDatabase } from '@agora/db';
import { createRedis, JobClient, redisTenantEvents } from '@agora/queue';
import type { Redis } from 'ioredis';
import type { Deps } from './deps.js';

export type Runtime = Deps & { redis: Redis; close(): Promise<void> };

/** Connections every process needs (API, worker, CLI), built once from config. */
export async function createRuntime(
  config: Config,
  options: { applicationName?: string } = {},
): Promise<Runtime> {
  const database = await connectDatabase(requireDatabaseUrl(config), {
    max: config.dbPoolMax,
    applicationName: options.applicationName,
  });
  const redis = createRedis(config.redisUrl, { name: options.applicationName });
  const jobs = new JobClient(redis, config.queuePrefix);
  return {
    config,
    database,
    redis,
    jobs,
    events: redisTenantEvents(redis, config.queuePrefix),
    async close() {
      await jobs.close();
      redis.disconnect();
      await database.close();
    },
  };
}
