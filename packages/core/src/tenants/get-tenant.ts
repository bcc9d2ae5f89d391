import { type Database, platformTables as p } from '@agora/db';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { type ProvisioningStep, STEP_LABELS } from '../provisioning/steps.js';

export type TenantView = Awaited<ReturnType<typeof getTenant>> & {};

/** A tenant as staff see it: status, failure reason, provisioning steps and progress, domains. */
export async function getTenant(database: Database, id: string) {
  const [tenant] = await database.platform.select().from(p.tenants).where(eq(p.tenants.id, id));
  if (!tenant) return null;
  const [steps, domains] = await Promise.all([
    database.platform
      .select()
      .from(p.provisioningSteps)
      .where(eq(p.provisioningSteps.tenantId, id))
      .orderBy(asc(p.provisioningSteps.position)),
    database.platform
      .select()
      .from(p.domains)
      .where(and(eq(p.domains.tenantId, id), inArray(p.domains.status, ['verified', 'failing'])))
      .orderBy(desc(p.domains.kind), asc(p.domains.createdAt)),
  ]);
  const done = steps.filter((s) => s.status === 'done').length;
  // Served at the verified primary custom domain, else at the (first) platform host.
  const canonical =
    domains.find((d) => d.kind === 'custom' && d.isPrimary && d.status === 'verified') ??
    domains.find((d) => d.kind === 'platform');
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    status: tenant.status,
    plan: tenant.plan,
    schemaName: tenant.schemaName,
    ownerEmail: tenant.ownerEmail,
    failureReason: tenant.failureReason,
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
    provisioning: {
      attempt: tenant.provisionAttempt,
      progress: steps.length ? Math.round((done / steps.length) * 100) : 0,
      steps: steps.map((s) => ({
        step: s.step,
        label: STEP_LABELS[s.step as ProvisioningStep] ?? s.step,
        status: s.status,
        attempts: s.attempts,
        error: s.error,
        startedAt: s.startedAt?.toISOString() ?? null,
        finishedAt: s.finishedAt?.toISOString() ?? null,
      })),
    },
    domains: domains.map((d) => ({ hostname: d.hostname, kind: d.kind, primary: d === canonical })),
  };
}
