import { Redis, type RedisOptions } from 'ioredis';

/**
 * A Redis connection from a URL (a database index in the URL, `redis://host:6379/2`, is used).
 * `blocking` connections are for BullMQ workers and subscribers, which must wait forever.
 */
export function createRedis(url: string, options: { blocking?: boolean; name?: string } = {}): Redis {
  const base: RedisOptions = {
    connectionName: options.name ?? 'agora',
    // Never queue commands forever while Redis is down: fail fast, reconnect in the background.
    maxRetriesPerRequest: options.blocking ? null : 2,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
  const redis = new Redis(url, base);
  redis.on('error', () => {}); // reconnects on its own; callers see failures as rejected commands
  return redis;
}
