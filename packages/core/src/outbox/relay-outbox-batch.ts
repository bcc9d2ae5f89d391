import type { Config } from '@agora/config';
import { isOutboxTopic, isRecordOnlyTopic, type OutboxTopic } from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import { cdnPurgeJob, emailSendJob, fileDeleteJob, searchIndexJob } from '@agora/queue';
import { asc, inArray, isNull } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { failpoint } from '../failpoint.js';

/** The job each outbox topic becomes. Every topic has a route (checked by the type). */
const ROUTES: Record<
  OutboxTopic,
  typeof emailSendJob | typeof searchIndexJob | typeof fileDeleteJob | typeof cdnPurgeJob
> = {
  'user.invited': emailSendJob,
  'user.password_reset_requested': emailSendJob,
  'user.email_verification_requested': emailSendJob,
  'vendor.application_submitted': emailSendJob,
  'vendor.decision_made': emailSendJob,
  'product.rejected': emailSendJob,
  'product.changed': searchIndexJob,
  'vendor.status_changed': searchIndexJob,
  'vendor.updated': searchIndexJob,
  'category.changed': searchIndexJob,
  'file.orphaned': fileDeleteJob,
  'settings.branding_updated': cdnPurgeJob,
  'domain.status_changed': emailSendJob,
  'order.accepted': emailSendJob,
  'order.rejected': emailSendJob,
  'order.shipped': emailSendJob,
  'order.delivered': emailSendJob,
  'order.cancelled': emailSendJob,
  'company.signed_up': emailSendJob,
  'company.decision_made': emailSendJob,
  'company.terms_changed': emailSendJob,
  'settings.marketplace_updated': cdnPurgeJob,
  'checkout.placed': emailSendJob,
  'order.placed': emailSendJob,
  'checkout.approval_requested': emailSendJob,
  'checkout.declined': emailSendJob,
};

/** Topics whose job waits before it runs (ms): a replaced file may still be linked from cached pages. */
const DELAYS: Partial<Record<OutboxTopic, (config: Config) => number>> = {
  'file.orphaned': (config) => config.files.deleteDelayMs,
};

/**
 * `relayed`: rows that became jobs; `recorded`: rows of RECORD_ONLY_TOPICS (no job by design);
 * `dropped`: rows of any other topic (no route: most likely a mistake), with their topics.
 * All three are marked published.
 */
export type RelayBatchResult = {
  relayed: number;
  recorded: number;
  dropped: number;
  droppedTopics: string[];
  more: boolean;
};

/** The job id of an outbox row: relaying a row twice (after a crash) is one job. */
export const outboxJobId = (tenantId: string, outboxId: number) => `outbox-${tenantId}-${outboxId}`;

/**
 * Move up to `limit` of a tenant's unpublished outbox rows (oldest first) to their queues, then
 * mark them published, in one tenant transaction. Rows are locked `FOR UPDATE SKIP LOCKED`, so
 * two relays never take the same rows. If Redis fails the transaction rolls back and the rows
 * stay unpublished for the next attempt; if the process dies after enqueueing and before the
 * commit, the next attempt enqueues the same job ids, which BullMQ ignores.
 */
export async function relayOutboxBatch(
  deps: Pick<Deps, 'config' | 'database' | 'jobs'>,
  tenant: TenantRef,
  options: { limit?: number; enqueueTimeoutMs?: number } = {},
): Promise<RelayBatchResult> {
  const limit = options.limit ?? 100;
  return withTenant(deps.database, tenant, async ({ db, t }) => {
    const rows = await db
      .select({ id: t.outbox.id, topic: t.outbox.topic, payload: t.outbox.payload })
      .from(t.outbox)
      .where(isNull(t.outbox.publishedAt))
      .orderBy(asc(t.outbox.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (!rows.length) return { relayed: 0, recorded: 0, dropped: 0, droppedTopics: [], more: false };

    const routed = rows.filter((r) => isOutboxTopic(r.topic));
    const byQueue = new Map<string, typeof routed>();
    for (const r of routed) {
      const queue = ROUTES[r.topic as OutboxTopic].queue;
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), r]);
    }
    for (const [, group] of byQueue) {
      const job = ROUTES[group[0]?.topic as OutboxTopic];
      const add = deps.jobs.queue(job.queue).addBulk(
        group.map((r) => {
          const delay = DELAYS[r.topic as OutboxTopic]?.(deps.config);
          return {
            name: job.name,
            data: job.schema.parse({
              tenantId: tenant.id,
              outboxId: r.id,
              topic: r.topic,
              payload: r.payload,
            }),
            opts: { jobId: outboxJobId(tenant.id, r.id), ...(delay ? { delay } : {}) },
          };
        }),
      );
      await withTimeout(add, options.enqueueTimeoutMs ?? 5000, 'enqueueing outbox jobs');
    }
    failpoint('outbox.relay.before-publish');
    await db
      .update(t.outbox)
      .set({ publishedAt: new Date() })
      .where(
        inArray(
          t.outbox.id,
          rows.map((r) => r.id),
        ),
      );
    const recorded = rows.filter((r) => isRecordOnlyTopic(r.topic)).length;
    const dropped = rows.filter((r) => !isOutboxTopic(r.topic) && !isRecordOnlyTopic(r.topic));
    return {
      relayed: routed.length,
      recorded,
      dropped: dropped.length,
      droppedTopics: [...new Set(dropped.map((r) => r.topic))].sort(),
      more: rows.length === limit,
    };
  });
}

/** A Redis that is down may leave a command pending for long; the transaction must not wait. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  promise.catch(() => {}); // its rejection after the timeout is not unhandled
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
