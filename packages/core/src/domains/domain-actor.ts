import type { RecordOnlyTopic } from '@agora/contracts';
import type { PlatformDb, TenantTx } from '@agora/db';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import { recordAudit } from '../audit.js';
import { emitEvent } from '../outbox/emit-event.js';

/** Who changed a domain: a user of the marketplace, platform staff, or the scheduled check. */
export type DomainActor =
  | { type: 'user'; userId: string }
  | { type: 'staff'; id: string }
  | { type: 'system' };

/** Staff changes are also in the platform's audit log (inside the same transaction). */
export async function recordPlatformDomainAudit(
  db: PlatformDb,
  actor: DomainActor,
  action: string,
  tenantId: string,
  data: Record<string, unknown>,
) {
  if (actor.type === 'staff') await recordAudit(db, actor, action, tenantId, data);
}

/** The tenant's audit row and outbox event of a domain change, in the change's transaction. */
export async function recordDomainChange(
  tx: TenantTx,
  actor: DomainActor,
  /** A record-only topic (RECORD_ONLY_TOPICS), or the status change that emits its own event. */
  action: Extract<RecordOnlyTopic, `domain.${string}`> | 'domain.status_changed',
  domainId: string,
  data: Record<string, unknown>,
) {
  await recordTenantAudit(tx, {
    actorUserId: actor.type === 'user' ? actor.userId : null,
    action,
    subjectType: 'domain',
    subjectId: domainId,
    data: actor.type === 'staff' ? { ...data, staffId: actor.id } : data,
  });
  // Plain records (no job) except domain.status_changed, which emits its own typed event.
  if (action !== 'domain.status_changed') await emitEvent(tx, action, { domainId, ...data });
}
