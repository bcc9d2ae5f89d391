import { newId } from '@agora/contracts';
import type { TenantRow } from '@agora/db';
import {
  createTenantRole,
  createTenantSchema,
  inTransaction,
  migrateTenantSchema,
  platformTables as p,
  withClient,
} from '@agora/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit.js';
import type { Deps } from '../deps.js';
import { failpoint } from '../failpoint.js';
import { OUTBOX_CHANNEL } from '../outbox/emit-event.js';
import { announce } from '../tenants/change-status.js';
import { defaultHostname } from '../tenants/hosts.js';
import { seedTenant } from './seed-tenant.js';
import { type ProvisioningStep, STEP_LABELS } from './steps.js';

/** A failure that retrying cannot fix; the tenant is marked failed at once. */
export class PermanentProvisioningError extends Error {
  override name = 'PermanentProvisioningError';
}

type StepRunner = (deps: Deps, tenant: TenantRow) => Promise<void>;

const RUNNERS: Record<ProvisioningStep, StepRunner> = {
  role: (deps, t) =>
    withClient(deps.database, (c) =>
      inTransaction(c, () => createTenantRole(deps.database, c, t.schemaName)),
    ),
  schema: (deps, t) =>
    withClient(deps.database, (c) =>
      inTransaction(c, () => createTenantSchema(deps.database, c, t.schemaName)),
    ),
  migrations: async (deps, t) => {
    await migrateTenantSchema(deps.database, t.schemaName);
  },
  seed: (deps, t) => seedTenant(deps.database, t),
  domain: async (deps, t) => {
    const hostname = defaultHostname(t.slug, deps.config.baseDomain);
    await deps.database.platform
      .insert(p.domains)
      .values({ id: newId('dom'), hostname, tenantId: t.id, kind: 'platform', status: 'verified' })
      .onConflictDoNothing();
    const [owner] = await deps.database.platform
      .select({ tenantId: p.domains.tenantId })
      .from(p.domains)
      .where(eq(p.domains.hostname, hostname));
    if (owner?.tenantId !== t.id)
      throw new PermanentProvisioningError(`the hostname ${hostname} is already in use by another tenant`);
  },
};

export type ProvisioningOutcome = { status: 'active' | 'skipped'; tenantStatus?: string };

/**
 * Run the tenant's pending provisioning steps in order. Each step is idempotent and marked
 * done after it succeeds, so a worker killed at any point resumes where it stopped and ends
 * with the same objects, none twice. On a permanent failure, or when this was the job's last
 * attempt, the tenant is marked failed with the reason.
 */
export async function runProvisioning(
  deps: Deps,
  tenantId: string,
  options: { finalAttempt: boolean },
): Promise<ProvisioningOutcome> {
  return withProvisioningLock(deps, tenantId, () => provision(deps, tenantId, options));
}

/**
 * One provisioning run per tenant at a time (a job taken over from a worker that looked dead,
 * a second enqueue): a session advisory lock on a dedicated connection, released when the run
 * ends or its connection dies. The next run then finds the steps done and the tenant active.
 */
async function withProvisioningLock<T>(deps: Deps, tenantId: string, fn: () => Promise<T>): Promise<T> {
  const client = await deps.database.pool.connect();
  const key = [tenantId];
  try {
    await client.query(`select pg_advisory_lock(hashtext('agora.provision'), hashtext($1))`, key);
    try {
      return await fn();
    } finally {
      await client
        .query(`select pg_advisory_unlock(hashtext('agora.provision'), hashtext($1))`, key)
        .catch(() => {});
    }
  } finally {
    client.release();
  }
}

async function provision(
  deps: Deps,
  tenantId: string,
  options: { finalAttempt: boolean },
): Promise<ProvisioningOutcome> {
  const db = deps.database.platform;
  const [tenant] = await db.select().from(p.tenants).where(eq(p.tenants.id, tenantId));
  if (!tenant) throw new PermanentProvisioningError(`no tenant with id ${tenantId}`);
  if (tenant.status !== 'provisioning') return { status: 'skipped', tenantStatus: tenant.status };

  const runId = newId('prv');
  await db
    .insert(p.provisioningRuns)
    .values({ id: runId, tenantId, attempt: tenant.provisionAttempt, status: 'running' });
  const steps = await db
    .select()
    .from(p.provisioningSteps)
    .where(eq(p.provisioningSteps.tenantId, tenantId))
    .orderBy(asc(p.provisioningSteps.position));

  let current: ProvisioningStep | undefined;
  let attempt = { startedAt: new Date(), attempts: 0 };
  try {
    for (const s of steps) {
      if (s.status === 'done') continue;
      current = s.step as ProvisioningStep;
      attempt = { startedAt: new Date(), attempts: s.attempts + 1 };
      await RUNNERS[current](deps, tenant);
      failpoint(`provision.${current}.before-done`);
      // One write per step: its start time and attempt count travel with the done mark.
      await db
        .update(p.provisioningSteps)
        .set({ status: 'done', error: null, ...attempt, finishedAt: new Date() })
        .where(and(eq(p.provisioningSteps.tenantId, tenantId), eq(p.provisioningSteps.step, current)));
    }
    current = undefined;
    // Activate, close the run, audit, and wake the outbox relay for the owner's invitation (the
    // relay skips tenants until they are active), all in one statement and so one transaction.
    await db.execute(sql`
      with activated as (
        update platform.tenants set status = 'active', failure_reason = null, updated_at = now()
         where id = ${tenantId} and status = 'provisioning' returning id),
      run as (
        update platform.provisioning_runs set status = 'succeeded', finished_at = now() where id = ${runId}),
      audited as (
        insert into platform.audit_log (actor_type, actor_id, action, tenant_id, data)
        select 'system', 'provisioning', 'tenant.activated', id, '{}'::jsonb from activated returning tenant_id)
      select pg_notify(${OUTBOX_CHANNEL}, tenant_id) from audited`);
    await announce(deps, tenantId);
    return { status: 'active' };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const permanent = e instanceof PermanentProvisioningError;
    const giveUp = permanent || options.finalAttempt;
    await db.transaction(async (tx) => {
      if (current) {
        await tx
          .update(p.provisioningSteps)
          .set({ error: message, ...attempt, ...(giveUp ? { status: 'failed' as const } : {}) })
          .where(and(eq(p.provisioningSteps.tenantId, tenantId), eq(p.provisioningSteps.step, current)));
      }
      await tx
        .update(p.provisioningRuns)
        .set({ status: 'failed', error: message, finishedAt: new Date() })
        .where(eq(p.provisioningRuns.id, runId));
      if (giveUp) {
        const reason = current ? `${STEP_LABELS[current]} failed: ${message}` : message;
        await tx
          .update(p.tenants)
          .set({ status: 'failed', failureReason: reason, updatedAt: new Date() })
          .where(and(eq(p.tenants.id, tenantId), eq(p.tenants.status, 'provisioning')));
        await recordAudit(
          tx,
          { type: 'system', id: 'provisioning' },
          'tenant.provisioning_failed',
          tenantId,
          { reason },
        );
      }
    });
    throw e;
  }
}

/** Tenants still provisioning; the worker re-enqueues them at start (lost jobs, Redis restarts). */
export async function tenantsAwaitingProvisioning(deps: Pick<Deps, 'database'>) {
  return deps.database.platform
    .select({ id: p.tenants.id, attempt: p.tenants.provisionAttempt })
    .from(p.tenants)
    .where(eq(p.tenants.status, 'provisioning'));
}
