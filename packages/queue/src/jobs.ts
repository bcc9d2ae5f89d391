import { z } from 'zod';

/**
 * Job definitions: a versioned name, the queue it runs on, and its payload schema. Producers
 * and processors both use these, so a payload is validated on the way in and the way out.
 */
export type JobDefinition<S extends z.ZodType> = { name: string; queue: QueueName; schema: S };

export const QUEUES = [
  'provisioning',
  'migrations',
  'email',
  'catalog',
  'indexing',
  'files',
  'cdn',
  'domains',
] as const;
export type QueueName = (typeof QUEUES)[number];

export const provisionTenantJob = {
  name: 'tenant.provision.v1',
  queue: 'provisioning',
  schema: z.object({ tenantId: z.string().startsWith('ten_'), attempt: z.number().int().min(1) }),
} satisfies JobDefinition<z.ZodType>;

export const migrateTenantsJob = {
  name: 'tenants.migrate.v1',
  queue: 'migrations',
  schema: z.object({ concurrency: z.number().int().min(1).max(64).optional() }),
} satisfies JobDefinition<z.ZodType>;

export type JobPayload<J extends JobDefinition<z.ZodType>> = z.infer<J['schema']>;

/** One tenant outbox event handed to a job by the relay (email, search indexing, file deletion). */
const OutboxEventJob = z.object({
  tenantId: z.string().startsWith('ten_'),
  outboxId: z.number().int().positive(),
  topic: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

/**
 * An outbox event that leads to an email (invitation, password reset). Enqueued by the outbox
 * relay with job id `outbox-<tenantId>-<outboxId>`, so relaying an event twice is one job.
 */
export const emailSendJob = {
  name: 'email.send.v1',
  queue: 'email',
  schema: OutboxEventJob,
} satisfies JobDefinition<z.ZodType>;

/**
 * A vendor's CSV catalog import (`catalog_imports` row). Job id `catalog-import-<tenantId>-<importId>`;
 * a re-run resumes from the row's committed progress, so it neither duplicates nor loses rows.
 */
export const catalogImportJob = {
  name: 'catalog.import.v1',
  queue: 'catalog',
  schema: z.object({ tenantId: z.string().startsWith('ten_'), importId: z.string().startsWith('imp_') }),
} satisfies JobDefinition<z.ZodType>;

/**
 * Keep the search index in step with the catalog: one outbox event (`product.changed`,
 * `vendor.status_changed`, `vendor.updated`, `category.changed`) -> the affected products are recomputed from the
 * database. Job id `outbox-<tenantId>-<outboxId>` (the relay's), and recomputing is idempotent.
 */
export const searchIndexJob = {
  name: 'search.index.v1',
  queue: 'indexing',
  schema: OutboxEventJob,
} satisfies JobDefinition<z.ZodType>;

/**
 * Delete stored files that a change stopped using (`file.orphaned`), each only if nothing in the
 * tenant references it when the job runs. Job id `outbox-<tenantId>-<outboxId>` (the relay's),
 * enqueued with a delay (AGORA_FILE_DELETE_DELAY_S); deleting twice is harmless.
 */
export const fileDeleteJob = {
  name: 'files.delete.v1',
  queue: 'files',
  schema: OutboxEventJob,
} satisfies JobDefinition<z.ZodType>;

/**
 * Purge a tenant's pages at the CDN: after a change every page shows (branding; job id
 * `outbox-<tenantId>-<outboxId>`), and after `search.index.v1` has indexed a catalog change (job
 * id `after-<that job's id>`), so pages are never re-cached from a stale index.
 */
export const cdnPurgeJob = {
  name: 'cdn.purge.v1',
  queue: 'cdn',
  schema: OutboxEventJob,
} satisfies JobDefinition<z.ZodType>;

/**
 * The scheduled DNS check of every custom domain (ADR 0039): a BullMQ job scheduler
 * (`domains-recheck`) repeats it every AGORA_DOMAIN_RECHECK_S. Checking twice is harmless.
 */
export const domainsRecheckJob = {
  name: 'domains.recheck.v1',
  queue: 'domains',
  schema: z.object({}),
} satisfies JobDefinition<z.ZodType>;

/** The id of the repeatable job's scheduler: one per Redis prefix, however many workers start. */
export const DOMAINS_RECHECK_SCHEDULER = 'domains-recheck';
