import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/** Liveness and readiness, on every host. */
export const health = new Hono<AppEnv>()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .get('/readyz', async (c) => {
    const { database, redis } = c.var.deps;
    const timeout = <T>(p: Promise<T>) =>
      Promise.race([
        p,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), 2000)),
      ]);
    const [db, cache] = await Promise.allSettled([
      timeout(database.pool.query('select 1')),
      timeout(redis.ping()),
    ]);
    const checks = {
      database: db.status === 'fulfilled' ? 'ok' : 'unavailable',
      redis: cache.status === 'fulfilled' ? 'ok' : 'unavailable',
    };
    const ready = checks.database === 'ok' && checks.redis === 'ok';
    return c.json({ status: ready ? 'ready' : 'not_ready', checks }, ready ? 200 : 503);
  });
