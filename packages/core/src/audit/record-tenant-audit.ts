import type { TenantTx } from '@agora/db';

export type TenantAuditEntry = {
  /** The user who acted; null for the system (say, automatic approval). */
  actorUserId: string | null;
  /** What happened, dotted: `vendor.approved`, `settings.marketplace_updated`. */
  action: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
};

/**
 * Append to the tenant's audit log (who did what to what, when) inside the caller's unit of
 * work, so the entry exists exactly when the change it records does.
 */
export async function recordTenantAudit({ db, t }: TenantTx, entry: TenantAuditEntry): Promise<void> {
  await db.insert(t.auditLog).values({
    actorUserId: entry.actorUserId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    data: entry.data ?? {},
  });
}
