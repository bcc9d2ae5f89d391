import { type Deps, enqueueProvisioning, tenantsAwaitingProvisioning } from '@agora/core';
import { createRedis, DOMAINS_RECHECK_SCHEDULER, domainsRecheckJob, type QueueName } from '@agora/queue';
import { Worker } from 'bullmq';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay.js';
import { type Processor, runProcessor } from './processor.js';
import { importCatalog } from './processors/catalog/import-catalog.js';
import { purgeCdn } from './processors/cdn/purge-cdn.js';
import { recheckAllDomains } from './processors/domains/recheck-domains.js';
import { sendEmail } from './processors/email/send-email.js';
import { deleteFiles } from './processors/files/delete-files.js';
import { indexSearch } from './processors/indexing/index-search.js';
import { migrateAllTenants } from './processors/migrations/migrate-tenants.js';
import { provisionTenant } from './processors/provisioning/provision-tenant.js';

export type WorkerHandle = { close(): Promise<void>; reconcile(): Promise<number>; relay: OutboxRelay };

export type WorkerOptions = {
  log?: (line: string) => void;
  reconcileEveryMs?: number;
  /** Outbox relay settings (sweep interval, batch size); see OutboxRelay. */
  outbox?: Omit<OutboxRelayOptions, 'log'>;
};

/**
 * Start one BullMQ worker per queue, and a reconciler that re-enqueues tenants stuck in
 * `provisioning` (a job lost with Redis, or an enqueue that failed after the tenant was saved).
 */
/** Queues whose finished jobs get a log line: provisioning, migrations, CSV imports. */
const ANNOUNCED_QUEUES: ReadonlySet<QueueName> = new Set(['provisioning', 'migrations', 'catalog']);

export async function startWorkers(deps: Deps, options: WorkerOptions = {}): Promise<WorkerHandle> {
  const log = options.log ?? (() => {});
  const processors: Record<QueueName, { processors: Processor<never>[]; concurrency: number }> = {
    provisioning: { processors: [provisionTenant(deps) as unknown as Processor<never>], concurrency: 4 },
    migrations: { processors: [migrateAllTenants(deps) as unknown as Processor<never>], concurrency: 1 },
    email: { processors: [sendEmail(deps) as unknown as Processor<never>], concurrency: 4 },
    indexing: { processors: [indexSearch(deps) as unknown as Processor<never>], concurrency: 2 },
    catalog: { processors: [importCatalog(deps) as unknown as Processor<never>], concurrency: 2 },
    files: { processors: [deleteFiles(deps) as unknown as Processor<never>], concurrency: 2 },
    cdn: { processors: [purgeCdn(deps) as unknown as Processor<never>], concurrency: 2 },
    domains: { processors: [recheckAllDomains(deps) as unknown as Processor<never>], concurrency: 1 },
  };
  const connection = createRedis(deps.config.redisUrl, { blocking: true, name: 'agora-worker' });
  const workers = Object.entries(processors).map(([queue, { processors: list, concurrency }]) => {
    const byName = new Map(list.map((p) => [p.job.name, p]));
    const worker = new Worker(
      queue,
      async (job) => {
        const processor = byName.get(job.name);
        if (!processor) throw new Error(`no processor for job ${job.name} on queue ${queue}`);
        return runProcessor(processor, job);
      },
      {
        connection,
        prefix: deps.config.queuePrefix,
        concurrency,
        lockDuration: deps.config.jobLockMs,
        stalledInterval: deps.config.jobLockMs,
        // A crashed worker's job is picked up again; a few crashes in a row are still resumable.
        maxStalledCount: 5,
      },
    );
    worker.on('failed', (job, err) =>
      log(`job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`),
    );
    // Long work says when it is done; routine jobs (emails, indexing, purges) only when they fail.
    if (ANNOUNCED_QUEUES.has(queue as QueueName))
      worker.on('completed', (job) => log(`job ${job.name} ${job.id} completed`));
    worker.on('error', (err) => log(`worker error on ${queue}: ${err.message}`));
    return worker;
  });

  const reconcile = async () => {
    const pending = await tenantsAwaitingProvisioning(deps);
    for (const t of pending) await enqueueProvisioning(deps, t.id, t.attempt);
    return pending.length;
  };
  await reconcile().catch((e) => log(`reconcile failed: ${(e as Error).message}`));
  const timer = setInterval(() => {
    reconcile().catch((e) => log(`reconcile failed: ${(e as Error).message}`));
  }, options.reconcileEveryMs ?? 60_000);
  timer.unref();

  // Custom domains are checked on a schedule (ADR 0039). Upserting the scheduler is
  // idempotent: every worker process does it, Redis keeps one. Not awaited: a start while Redis
  // is unreachable must not wait for it (the workers themselves reconnect).
  void deps.jobs
    .queue(domainsRecheckJob.queue)
    .upsertJobScheduler(
      DOMAINS_RECHECK_SCHEDULER,
      { every: deps.config.domains.recheckEveryMs },
      { name: domainsRecheckJob.name, data: {}, opts: { attempts: 1 } },
    )
    .catch((e) => log(`could not schedule the domain recheck: ${(e as Error).message}`));

  // Outbox events (invitations, password resets) -> queues; see docs/decisions/0006.
  const relay = new OutboxRelay(deps, { ...options.outbox, log });
  await relay.start();

  return {
    reconcile,
    relay,
    async close() {
      clearInterval(timer);
      await relay.close();
      await Promise.all(workers.map((w) => w.close()));
      connection.disconnect();
    },
  };
}
