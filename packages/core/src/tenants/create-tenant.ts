import { AppError, type CreateTenantBody, randomId } from '@agora/contracts';
import { platformTables as p } from '@agora/db';
import { provisionTenantJob } from '@agora/queue';
import { eq } from 'drizzle-orm';
import { type Actor, recordAudit } from '../audit.js';
import type { Deps } from '../deps.js';
import { PROVISIONING_STEPS } from '../provisioning/steps.js';
import { getTenant } from './get-tenant.js';

/**
 * Record a new tenant in `provisioning` with its pending steps, then enqueue the provisioning
 * job. If enqueueing fails the tenant is still recorded, and the worker's reconciler picks it
 * up, so nothing is lost.
 */
export async function createTenant(deps: Deps, input: CreateTenantBody, actor: Actor) {
  const short = randomId(12);
  const id = `ten_${short}`;
  await deps.database.platform.transaction(async (tx) => {
    const taken = await tx.select({ id: p.tenants.id }).from(p.tenants).where(eq(p.tenants.slug, input.slug));
    if (taken.length) throw slugTaken(input.slug);
    const inserted = await tx
      .insert(p.tenants)
      .values({
        id,
        slug: input.slug,
        name: input.name,
        ownerEmail: input.ownerEmail,
        status: 'provisioning',
        schemaName: `t_${short}`,
      })
      .onConflictDoNothing()
      .returning({ id: p.tenants.id });
    if (!inserted.length) throw slugTaken(input.slug); // lost a race for the slug
    await tx
      .insert(p.provisioningSteps)
      .values(PROVISIONING_STEPS.map((step, position) => ({ tenantId: id, step, position })));
    await recordAudit(tx, actor, 'tenant.created', id, { slug: input.slug, name: input.name });
  });
  await enqueueProvisioning(deps, id, 1).catch(() => {});
  const tenant = await getTenant(deps.database, id);
  if (!tenant) throw new Error('tenant vanished after creation');
  return tenant;
}

const slugTaken = (slug: string) =>
  new AppError('slug_taken', `The slug "${slug}" is already taken; choose another`, {
    fields: [{ path: 'slug', message: 'is already taken' }],
  });

/** One job per (tenant, attempt): enqueueing twice is harmless. */
export function enqueueProvisioning(deps: Pick<Deps, 'jobs'>, tenantId: string, attempt: number) {
  return deps.jobs.enqueue(
    provisionTenantJob,
    { tenantId, attempt },
    { jobId: `provision-${tenantId}-${attempt}` },
  );
}
