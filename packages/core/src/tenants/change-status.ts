import { AppError, type TenantStatus } from '@agora/contracts';
import { platformTables as p } from '@agora/db';
import { and, eq, inArray } from 'drizzle-orm';
import { type Actor, recordAudit } from '../audit.js';
import type { Deps } from '../deps.js';
import { notifyOutbox } from '../outbox/emit-event.js';
import { enqueueProvisioning } from './create-tenant.js';
import { getTenant } from './get-tenant.js';

type Transition = { from: TenantStatus[]; to: TenantStatus; action: string };

const TRANSITIONS = {
  suspend: { from: ['active'], to: 'suspended', action: 'tenant.suspended' },
  resume: { from: ['suspended'], to: 'active', action: 'tenant.resumed' },
} satisfies Record<string, Transition>;

/**
 * Suspend or resume a tenant. Repeating the same request is a no-op success (the tenant is
 * already where it was asked to be); any other starting state is a 409. Every API process
 * drops its cached host entries for the tenant at once.
 */
export async function changeTenantStatus(
  deps: Deps,
  id: string,
  change: keyof typeof TRANSITIONS,
  actor: Actor,
  reason?: string,
) {
  const t: Transition = TRANSITIONS[change];
  const changed = await deps.database.platform.transaction(async (tx) => {
    const [tenant] = await tx.select().from(p.tenants).where(eq(p.tenants.id, id)).for('update');
    if (!tenant) throw new AppError('not_found', `No tenant with id ${id}`);
    if (tenant.status === t.to) return false;
    if (!t.from.includes(tenant.status)) {
      throw new AppError(
        'invalid_state',
        `A ${tenant.status} tenant cannot be ${t.to === 'active' ? 'resumed' : t.to}`,
      );
    }
    await tx.update(p.tenants).set({ status: t.to, updatedAt: new Date() }).where(eq(p.tenants.id, id));
    await recordAudit(tx, actor, t.action, id, reason ? { reason } : {});
    return true;
  });
  if (changed) await announce(deps, id);
  // Events written before a suspension wait in the outbox; wake the relay on resume.
  if (changed && t.to === 'active') await notifyOutbox(deps.database, id).catch(() => {});
  return mustGetTenant(deps, id);
}

/** Start provisioning again for a failed tenant, from the step that failed. */
export async function retryProvisioning(deps: Deps, id: string, actor: Actor) {
  const attempt = await deps.database.platform.transaction(async (tx) => {
    const [tenant] = await tx.select().from(p.tenants).where(eq(p.tenants.id, id)).for('update');
    if (!tenant) throw new AppError('not_found', `No tenant with id ${id}`);
    if (tenant.status !== 'failed')
      throw new AppError(
        'invalid_state',
        `Only a failed tenant can be retried; this one is ${tenant.status}`,
      );
    const next = tenant.provisionAttempt + 1;
    await tx
      .update(p.tenants)
      .set({ status: 'provisioning', failureReason: null, provisionAttempt: next, updatedAt: new Date() })
      .where(eq(p.tenants.id, id));
    await tx
      .update(p.provisioningSteps)
      .set({ status: 'pending' })
      .where(and(eq(p.provisioningSteps.tenantId, id), inArray(p.provisioningSteps.status, ['failed'])));
    await recordAudit(tx, actor, 'tenant.provisioning_retried', id, { attempt: next });
    return next;
  });
  // Read before enqueueing: a fast worker could otherwise finish first, and the answer would
  // not be the state this request created.
  const tenant = await mustGetTenant(deps, id);
  await enqueueProvisioning(deps, id, attempt).catch(() => {});
  return tenant;
}

async function mustGetTenant(deps: Pick<Deps, 'database'>, id: string) {
  const tenant = await getTenant(deps.database, id);
  if (!tenant) throw new AppError('not_found', `No tenant with id ${id}`);
  return tenant;
}

/** Tell every API process that this tenant's routing changed. Best effort: caches also expire. */
export async function announce(deps: Pick<Deps, 'database' | 'events'>, tenantId: string) {
  const rows = await deps.database.platform
    .select({ hostname: p.domains.hostname })
    .from(p.domains)
    .where(eq(p.domains.tenantId, tenantId));
  const hostnames = rows.map((r) => r.hostname);
  await deps.events.tenantChanged({ tenantId, hostnames }).catch(() => {});
}
