import type { JobDefinition } from '@agora/queue';
import { type Job, UnrecoverableError } from 'bullmq';
import type { z } from 'zod';

export type Processor<S extends z.ZodType> = {
  job: JobDefinition<S>;
  /** Errors that retrying cannot fix; the job fails at once instead of retrying. */
  isPermanent?: (e: unknown) => boolean;
  handle(payload: z.infer<S>, job: Job, context: { finalAttempt: boolean }): Promise<unknown>;
};

export const defineProcessor = <S extends z.ZodType>(p: Processor<S>) => p;

/** Validate the payload, run the handler, and sort failures into retryable or not. */
export async function runProcessor<S extends z.ZodType>(processor: Processor<S>, job: Job): Promise<unknown> {
  const parsed = processor.job.schema.safeParse(job.data);
  if (!parsed.success)
    throw new UnrecoverableError(`invalid payload for ${processor.job.name}: ${parsed.error.message}`);
  const attempts = job.opts.attempts ?? 1;
  try {
    return await processor.handle(parsed.data, job, { finalAttempt: job.attemptsMade + 1 >= attempts });
  } catch (e) {
    if (processor.isPermanent?.(e)) throw new UnrecoverableError((e as Error).message);
    throw e;
  }
}
