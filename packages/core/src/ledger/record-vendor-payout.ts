import { AppError, type LedgerPosting, type RecordVendorPayoutBody } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import { formatMajorAmount } from '../catalog/currency.js';
import { getCommerceSettings } from '../commerce/commerce-settings.js';
import { emitEvent } from '../outbox/emit-event.js';
import { vendorPaidEntries } from './accounting.js';
import { dayStart } from './days.js';
import { post } from './post.js';
import { findPosting } from './record-invoice-payment.js';
import { vendorBalancesIn } from './vendor-balance.js';

/**
 * The operator records a bank transfer to a vendor (a manual payout): vendor payable debit,
 * cash credit, audit row and event in one transaction. At most the vendor's available balance
 * (earned on delivered orders, not paid yet): the vendor's row is locked before the balance is
 * read (`FOR NO KEY UPDATE`, which placements' foreign keys to it do not wait for), so two
 * payouts to one vendor cannot both spend the same money. Idempotent by key.
 */
export async function recordVendorPayout(
  database: Database,
  tenant: TenantRef,
  input: { actorUserId: string; body: RecordVendorPayoutBody },
): Promise<LedgerPosting> {
  const { body } = input;
  const key = `vendor_paid:${body.idempotencyKey}`;
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const earlier = await findPosting(tx, key);
    if (earlier) return earlier;
    const [vendor] = await db
      .select({ id: t.vendors.id })
      .from(t.vendors)
      .where(eq(t.vendors.id, body.vendorId))
      .for('no key update');
    if (!vendor)
      throw new AppError('validation_failed', 'No such vendor', {
        fields: [{ path: 'vendorId', message: 'is not a vendor of this marketplace' }],
      });
    const balance = (await vendorBalancesIn(tx, [body.vendorId])).find((b) => b.currency === body.currency);
    const available = balance?.availableMinor ?? 0;
    if (body.amountMinor > available) {
      const shown = `${formatMajorAmount(Math.max(0, available), body.currency)} ${body.currency}`;
      throw new AppError('validation_failed', `The vendor has ${shown} available to pay out`, {
        fields: [{ path: 'amountMinor', message: `must be at most the available balance, ${shown}` }],
        availableMinor: available,
      });
    }
    const { timeZone } = await getCommerceSettings(tx);
    const occurredAt = dayStart(body.paidOn, timeZone);
    const result = await post(tx, {
      idempotencyKey: key,
      kind: 'vendor_paid',
      reference: body.reference,
      memo: `Payout to ${body.vendorId}`,
      occurredAt,
      actorUserId: input.actorUserId,
      entries: vendorPaidEntries(body.vendorId, body.currency, body.amountMinor),
    });
    await recordTenantAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'ledger.vendor_paid',
      subjectType: 'vendor',
      subjectId: body.vendorId,
      data: {
        transactionId: result.transactionId,
        amountMinor: body.amountMinor,
        currency: body.currency,
        reference: body.reference,
      },
    });
    await emitEvent(tx, 'ledger.vendor_paid', {
      transactionId: result.transactionId,
      vendorId: body.vendorId,
    });
    return {
      transactionId: result.transactionId,
      kind: 'vendor_paid',
      amountMinor: body.amountMinor,
      currency: body.currency,
      reference: body.reference,
      occurredAt: occurredAt.toISOString(),
      replayed: false,
    };
  });
}
