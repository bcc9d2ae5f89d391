import { AppError, type LedgerPosting, type RecordInvoicePaymentBody } from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import { formatMajorAmount } from '../catalog/currency.js';
import { getCommerceSettings } from '../commerce/commerce-settings.js';
import { sumAmounts } from '../commerce/money.js';
import { emitEvent } from '../outbox/emit-event.js';
import { invoicePaidEntries } from './accounting.js';
import { dayStart } from './days.js';
import { post } from './post.js';

/** A recorded posting as the API shows it, found by its idempotency key. */
export async function findPosting(tx: TenantTx, idempotencyKey: string): Promise<LedgerPosting | null> {
  const { db, t } = tx;
  const [row] = await db
    .select({
      transactionId: t.ledgerTransactions.id,
      kind: t.ledgerTransactions.kind,
      reference: t.ledgerTransactions.reference,
      occurredAt: t.ledgerTransactions.occurredAt,
      currency: sql<string>`min(${t.ledgerEntries.currency})`,
      amountMinor: sql<string>`coalesce(sum(${t.ledgerEntries.amountMinor}) filter (where ${t.ledgerEntries.amountMinor} > 0), 0)`,
    })
    .from(t.ledgerTransactions)
    .leftJoin(t.ledgerEntries, eq(t.ledgerEntries.transactionId, t.ledgerTransactions.id))
    .where(eq(t.ledgerTransactions.idempotencyKey, idempotencyKey))
    .groupBy(t.ledgerTransactions.id);
  if (!row) return null;
  return {
    ...row,
    amountMinor: Number(row.amountMinor),
    occurredAt: row.occurredAt.toISOString(),
    replayed: true,
  };
}

/** What the buyer still owes on each order: the sum of its receivable entries. */
export async function outstandingByOrder(
  tx: TenantTx,
  orderIds: readonly string[],
): Promise<Map<string, number>> {
  const { db, t } = tx;
  const rows = await db
    .select({ orderId: t.ledgerEntries.orderId, sum: sql<string>`sum(${t.ledgerEntries.amountMinor})` })
    .from(t.ledgerEntries)
    .innerJoin(t.ledgerAccounts, eq(t.ledgerAccounts.id, t.ledgerEntries.accountId))
    .where(
      and(inArray(t.ledgerEntries.orderId, [...orderIds]), eq(t.ledgerAccounts.kind, 'company_receivable')),
    )
    .groupBy(t.ledgerEntries.orderId);
  return new Map(rows.map((r) => [r.orderId as string, Number(r.sum)]));
}

const field = (path: string, message: string) => ({ fields: [{ path, message }] });

/**
 * The operator records a bank transfer from a buyer company (ADR 0038): cash debit, the
 * company's receivable credited per order, the orders marked paid, an audit row and an event,
 * all in one transaction. The orders are locked (in id order) first, as cancellation does, so a
 * payment and a cancellation of one order run one after the other. The amount must be exactly
 * what is open on the chosen orders. A retry with the same key returns the first recording.
 */
export async function recordInvoicePayment(
  database: Database,
  tenant: TenantRef,
  input: { actorUserId: string; body: RecordInvoicePaymentBody },
): Promise<LedgerPosting> {
  const { body } = input;
  const key = `invoice_paid:${body.idempotencyKey}`;
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const earlier = await findPosting(tx, key);
    if (earlier) return earlier;
    const ids = [...new Set(body.orderIds)].sort();
    const orders = await db
      .select({
        id: t.orders.id,
        companyId: t.orders.companyId,
        currency: t.orders.currency,
        status: t.orders.status,
        paidAt: t.orders.paidAt,
      })
      .from(t.orders)
      .where(inArray(t.orders.id, ids))
      .orderBy(asc(t.orders.id))
      .for('update');
    if (orders.length !== ids.length)
      throw new AppError(
        'validation_failed',
        'Some of these orders do not exist',
        field('orderIds', 'has an unknown order'),
      );
    const companyId = orders[0]?.companyId as string;
    if (orders.some((o) => o.companyId !== companyId))
      throw new AppError(
        'validation_failed',
        'One payment settles orders of one company',
        field('orderIds', 'must all be orders of one company'),
      );
    if (orders.some((o) => o.currency !== body.currency))
      throw new AppError(
        'validation_failed',
        `These orders are not all in ${body.currency}`,
        field('currency', 'must be the orders’ currency'),
      );
    const paid = orders.filter((o) => o.paidAt !== null);
    if (paid.length) throw new AppError('invalid_state', `Already paid: ${paid.map((o) => o.id).join(', ')}`);
    const outstanding = await outstandingByOrder(tx, ids);
    const lines = ids.map((orderId) => ({ orderId, amountMinor: outstanding.get(orderId) ?? 0 }));
    const closed = lines.filter((l) => l.amountMinor <= 0);
    if (closed.length)
      throw new AppError('invalid_state', `Nothing is owed on: ${closed.map((l) => l.orderId).join(', ')}`);
    const open = sumAmounts(lines.map((l) => l.amountMinor));
    if (open !== body.amountMinor) {
      const shown = `${formatMajorAmount(open, body.currency)} ${body.currency}`;
      throw new AppError('validation_failed', `The chosen orders have ${shown} open; the amount must match`, {
        fields: [{ path: 'amountMinor', message: `must be the open amount of the chosen orders, ${shown}` }],
        openMinor: open,
      });
    }

    const { timeZone } = await getCommerceSettings(tx);
    const occurredAt = dayStart(body.paidOn, timeZone);
    const result = await post(tx, {
      idempotencyKey: key,
      kind: 'invoice_paid',
      reference: body.reference,
      memo: `Payment from ${companyId} for ${ids.join(', ')}`,
      occurredAt,
      actorUserId: input.actorUserId,
      entries: invoicePaidEntries(companyId, body.currency, lines),
    });
    await db.update(t.orders).set({ paidAt: occurredAt }).where(inArray(t.orders.id, ids));
    await recordTenantAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'ledger.invoice_paid',
      subjectType: 'company',
      subjectId: companyId,
      data: {
        transactionId: result.transactionId,
        orderIds: ids,
        amountMinor: open,
        currency: body.currency,
        reference: body.reference,
      },
    });
    await emitEvent(tx, 'ledger.invoice_paid', {
      transactionId: result.transactionId,
      companyId,
      orderIds: ids,
    });
    return {
      transactionId: result.transactionId,
      kind: 'invoice_paid',
      amountMinor: open,
      currency: body.currency,
      reference: body.reference,
      occurredAt: occurredAt.toISOString(),
      replayed: false,
    };
  });
}
