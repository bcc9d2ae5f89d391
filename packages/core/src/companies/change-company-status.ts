import { AppError, type CompanyAction, type CompanyStatus } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { eq, sql } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import { emitEvent } from '../outbox/emit-event.js';
import { COMPANY_ACTION_PAST, nextCompanyStatus } from './company-status.js';

/**
 * The one place a company's status changes: checks the transition (COMPANY_TRANSITIONS), locks
 * the row, writes the status, the audit row and the event in the caller's transaction. An
 * operator's decision (not the company's own resubmission) emails the company's admins.
 */
export async function changeCompanyStatus(
  tx: TenantTx,
  input: {
    companyId: string;
    action: CompanyAction;
    actorUserId: string | null;
    reason?: string | null;
    audit?: Record<string, unknown>;
  },
): Promise<CompanyStatus> {
  const { db, t } = tx;
  const [row] = await db
    .select({ status: t.companies.status })
    .from(t.companies)
    .where(eq(t.companies.id, input.companyId))
    .for('update');
  if (!row) throw new AppError('not_found', 'No company with this id in this marketplace');
  const status = nextCompanyStatus(row.status as CompanyStatus, input.action);
  const reason = input.reason ?? null;
  await db
    .update(t.companies)
    .set({
      status,
      // The reason shown to the company: why it was rejected or suspended, or what is asked.
      statusReason: input.action === 'resubmit' ? null : reason,
      decidedAt: input.action === 'resubmit' ? sql`${t.companies.decidedAt}` : new Date(),
      updatedAt: new Date(),
    })
    .where(eq(t.companies.id, input.companyId));
  await recordTenantAudit(tx, {
    actorUserId: input.actorUserId,
    action: `company.${COMPANY_ACTION_PAST[input.action]}`,
    subjectType: 'company',
    subjectId: input.companyId,
    data: { from: row.status, to: status, reason, ...(input.audit ?? {}) },
  });
  if (input.action === 'resubmit') {
    await emitEvent(tx, 'company.signed_up', { companyId: input.companyId, resubmitted: true });
  } else {
    await emitEvent(tx, 'company.decision_made', {
      companyId: input.companyId,
      action: input.action,
      status,
      reason,
    });
  }
  return status;
}
