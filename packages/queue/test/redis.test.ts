import { redisUrl } from '@agora/testing';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import {
  createRedis,
  JobClient,
  provisionTenantJob,
  REDIS_MISSING_MESSAGE,
  redisAnswers,
  spawnRedisServer,
} from '../src/index.js';

describe('Redis connections', () => {
  it('honours the database index in REDIS_URL, for plain commands and for BullMQ queues', async () => {
    const base = new URL(redisUrl());
    base.pathname = '/5';
    const prefix = `{agora-test-${Math.random().toString(36).slice(2)}}`;
    const redis = createRedis(base.toString());
    const jobs = new JobClient(redis, prefix);
    const db5 = new Redis(base.toString());
    const db0 = new Redis(redisUrl());
    try {
      await redis.set(`${prefix}:probe`, 'here');
      await jobs.enqueue(provisionTenantJob, { tenantId: 'ten_x', attempt: 1 }, { jobId: 'probe' });
      expect(await db5.get(`${prefix}:probe`)).toBe('here');
      expect(await db0.get(`${prefix}:probe`)).toBeNull();
      expect((await db5.keys(`${prefix}:provisioning:*`)).length).toBeGreaterThan(0);
      expect(await db0.keys(`${prefix}:*`)).toEqual([]);
    } finally {
      const keys = await db5.keys(`${prefix}*`);
      if (keys.length) await db5.del(...keys);
      await jobs.close();
      redis.disconnect();
      db5.disconnect();
      db0.disconnect();
    }
  });

  it('rejects an invalid job payload before it reaches Redis', async () => {
    const redis = createRedis(redisUrl());
    const jobs = new JobClient(redis, `{agora-test-${Math.random().toString(36).slice(2)}}`);
    try {
      await expect(jobs.enqueue(provisionTenantJob, { tenantId: 'nope', attempt: 0 })).rejects.toThrow(
        /tenantId|attempt/,
      );
    } finally {
      await jobs.close();
      redis.disconnect();
    }
  });
});

describe('a private redis-server', () => {
  it('starts on a free port when redis-server is installed, and stops', async () => {
    const local = await spawnRedisServer();
    expect(await redisAnswers(local.url)).toBe(true);
    await local.stop();
    expect(await redisAnswers(local.url)).toBe(false);
  });

  it('says what to install when redis-server is missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(spawnRedisServer()).rejects.toThrow(REDIS_MISSING_MESSAGE);
    } finally {
      process.env.PATH = path;
    }
  });
});
