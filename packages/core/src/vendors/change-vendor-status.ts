import {
  AppError,
  VENDOR_STATUS_CHANGED,
  type VendorAction,
  type VendorStatusChangedPayload,
} from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { count, eq } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import { emitEvent } from '../outbox/emit-event.js';
import { nextVendorStatus, VENDOR_ACTION_PAST } from './vendor-status.js';
import type { VendorRow } from './vendor-views.js';

export type ChangeVendorStatusInput = {
  vendorId: string;
  action: VendorAction;
  /** Who decided; null for the system (automatic approval). */
  actorUserId: string | null;
  /** Why (reject, suspend) or what is missing (request_info); shown to the vendor. */
  reason?: string | null;
  /** Extra audit data (say, `{ auto: true }`). */
  audit?: Record<string, unknown>;
};

/**
 * THE way a vendor's status changes; nothing else writes `vendors.status`. Inside the caller's
 * unit of work it locks the vendor, applies the state machine (409 `invalid_state` when the
 * action is not allowed now), saves the status and reason, writes the tenant audit row, and
 * emits, all in the same transaction:
 *   - `vendor.status_changed` `{ vendorId, status }` for every change (search reindexes on it);
 *   - `vendor.decision_made` for operator decisions: the vendor's contact gets an email;
 *   - `vendor.application_submitted` when the vendor resubmits: the operators get an email.
 */
export async function changeVendorStatus(tx: TenantTx, input: ChangeVendorStatusInput): Promise<VendorRow> {
  const { db, t } = tx;
  const [vendor] = await db.select().from(t.vendors).where(eq(t.vendors.id, input.vendorId)).for('update');
  if (!vendor) throw new AppError('not_found', 'No vendor with this id in this marketplace');
  const status = nextVendorStatus(vendor.status, input.action);
  if (input.action === 'verify' && vendor.verified)
    throw new AppError('invalid_state', 'This vendor is already verified');
  // Verified means an operator has reviewed the vendor's documents: an operator's approval or a
  // later `verify`. An automatic approval (no actor) reviews nothing, and neither does a decision
  // about a vendor with no documents to review (docs/decisions/0019).
  const reviews = input.action === 'verify' || (input.action === 'approve' && input.actorUserId !== null);
  const verifies = reviews && (await hasDocuments(tx, vendor.id));
  if (input.action === 'verify' && !verifies)
    throw new AppError(
      'invalid_state',
      'This vendor has no documents to review; ask it for its registration documents first',
    );
  const decision = input.action !== 'resubmit';
  const reason = input.reason?.trim() || null;
  const now = new Date();
  const [updated] = await db
    .update(t.vendors)
    .set({
      status,
      // The reason belongs to the decision that gave it; approving or resubmitting clears it.
      statusReason: reason,
      ...(verifies ? { verified: true } : {}),
      ...(decision ? { decidedAt: now } : {}),
      updatedAt: now,
    })
    .where(eq(t.vendors.id, vendor.id))
    .returning();
  if (!updated) throw new Error('vendor update returned no row');

  await recordTenantAudit(tx, {
    actorUserId: input.actorUserId,
    action: `vendor.${VENDOR_ACTION_PAST[input.action]}`,
    subjectType: 'vendor',
    subjectId: vendor.id,
    data: { from: vendor.status, to: status, ...(reason ? { reason } : {}), ...input.audit },
  });
  const changed: VendorStatusChangedPayload = { vendorId: vendor.id, status };
  await emitEvent(tx, VENDOR_STATUS_CHANGED, changed);
  if (input.action === 'resubmit') {
    await emitEvent(tx, 'vendor.application_submitted', { vendorId: vendor.id, resubmitted: true });
  } else {
    await emitEvent(tx, 'vendor.decision_made', {
      vendorId: vendor.id,
      action: input.action,
      status,
      reason,
      verified: updated.verified,
    });
  }
  return updated;
}

async function hasDocuments({ db, t }: TenantTx, vendorId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(t.vendorDocuments)
    .where(eq(t.vendorDocuments.vendorId, vendorId));
  return (row?.n ?? 0) > 0;
}
