import type { TestProject } from 'vitest/node';
import { startTestPostgres, startTestRedis } from './services.js';

import './provided.js';

/** One PostgreSQL and one Redis for the whole run; each test file makes its own database. */
export default async function setup(project: TestProject) {
  const [pg, redis] = await Promise.all([startTestPostgres(), startTestRedis()]);
  project.provide('adminDatabaseUrl', pg.url);
  project.provide('redisUrl', redis.url);
  return async () => {
    await Promise.all([pg.stop(), redis.stop()]);
  };
}
