import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import type { JobDefinition, QueueName } from './jobs.js';

/** Defaults for every job: retried with backoff, history kept long enough to inspect. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * What producers (the API, the CLI) use to enqueue work; they never import the worker.
 * Job ids make enqueueing idempotent: the same id twice is one job.
 */
export class JobClient {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly connection: Redis,
    readonly prefix: string,
  ) {}

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: this.connection,
        prefix: this.prefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      // Without a listener BullMQ prints every connection error while Redis is down; callers
      // already see failures as rejected calls.
      q.on('error', () => {});
      this.queues.set(name, q);
    }
    return q;
  }

  async enqueue<S extends z.ZodType>(job: JobDefinition<S>, payload: z.infer<S>, options: JobsOptions = {}) {
    const data = job.schema.parse(payload);
    return this.queue(job.queue).add(job.name, data, options);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
