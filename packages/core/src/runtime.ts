import { type Config, requireDatabaseUrl } from '@agora/config';
import { connectDatabase } from '@agora/db';
import { createFileStorage, type FileStorage, S3Storage } from '@agora/files';
import { createRedis, JobClient, redisTenantEvents } from '@agora/queue';
import type { Redis } from 'ioredis';
import { type Cdn, createCdn } from './cdn/cdn.js';
import type { Deps } from './deps.js';
import { createMailer } from './emails/mailer.js';
import { createSearchEngine } from './search/create-search-engine.js';

export type Runtime = Deps & { redis: Redis; close(): Promise<void> };

/** Connections every process needs (API, worker, CLI), built once from config. */
export async function createRuntime(
  config: Config,
  /** `files` and `cdn` replace the ones chosen by config (tests). */
  options: { applicationName?: string; files?: FileStorage; cdn?: Cdn } = {},
): Promise<Runtime> {
  const database = await connectDatabase(requireDatabaseUrl(config), {
    max: config.dbPoolMax,
    maxLifetimeSeconds: config.dbConnMaxAgeS,
    maxSchemasPerConnection: config.dbConnMaxSchemas,
    maxPreparedPerConnection: config.dbConnMaxPrepared,
    applicationName: options.applicationName,
    rolesLogin: config.tenantRolesLogin,
  });
  const redis = createRedis(config.redisUrl, { name: options.applicationName });
  const jobs = new JobClient(redis, config.queuePrefix);
  const mailer = createMailer(config, database);
  const files = options.files ?? createFileStorage(config);
  const search = createSearchEngine(config, database);
  return {
    config,
    database,
    redis,
    jobs,
    events: redisTenantEvents(redis, config.queuePrefix),
    mailer,
    files,
    search,
    cdn: options.cdn ?? createCdn(config),
    async close() {
      await jobs.close();
      await mailer.close();
      if (files instanceof S3Storage) await files.close();
      await search.close?.();
      redis.disconnect();
      await database.close();
    },
  };
}
