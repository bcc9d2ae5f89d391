import type { StatementEntry, StatementPage, StatementQuery } from '@agora/contracts';
import { AppError } from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { stringify } from 'csv-stringify/sync';
import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { getCommerceSettings } from '../commerce/commerce-settings.js';
import { decodeCursor, encodeCursor } from '../keyset-cursor.js';
import { dayEnd, dayStart } from './days.js';

type Filters = Omit<StatementQuery, 'cursor' | 'limit'>;

/**
 * One page of a vendor's statement: the entries of its payable accounts, newest first, each with
 * its transaction and the order it belongs to. Only the vendor's own accounts are read, so
 * another vendor's entries are never in it. Amounts from the vendor's side (credit positive), each
 * order's entry with the commission its transaction booked on that order.
 */
async function statementPage(
  tx: TenantTx,
  vendorId: string,
  filters: Filters,
  page: { after: number | null; limit: number },
): Promise<StatementEntry[]> {
  const { db, t } = tx;
  const e = t.ledgerEntries;
  const where: SQL[] = [eq(t.ledgerAccounts.kind, 'vendor_payable'), eq(t.ledgerAccounts.ownerId, vendorId)];
  if (filters.currency) where.push(eq(t.ledgerAccounts.currency, filters.currency));
  if (filters.from || filters.to) {
    const { timeZone } = await getCommerceSettings(tx);
    if (filters.from) where.push(gte(t.ledgerTransactions.occurredAt, dayStart(filters.from, timeZone)));
    if (filters.to) where.push(lt(t.ledgerTransactions.occurredAt, dayEnd(filters.to, timeZone)));
  }
  if (page.after !== null) where.push(lt(e.id, page.after));
  const rows = await db
    .select({
      id: e.id,
      occurredAt: t.ledgerTransactions.occurredAt,
      kind: t.ledgerTransactions.kind,
      reference: t.ledgerTransactions.reference,
      orderId: e.orderId,
      orderStatus: t.orders.status,
      currency: e.currency,
      amountMinor: e.amountMinor,
      // what the same transaction booked as commission on the same order (never on payouts)
      commission: sql<string | null>`(
        select sum(c.amount_minor) from ${e} c
        join ${t.ledgerAccounts} ca on ca.id = c.account_id
        where c.transaction_id = ${e.transactionId} and c.order_id = ${e.orderId}
          and ca.kind = 'commission_revenue')`,
    })
    .from(e)
    .innerJoin(t.ledgerAccounts, eq(t.ledgerAccounts.id, e.accountId))
    .innerJoin(t.ledgerTransactions, eq(t.ledgerTransactions.id, e.transactionId))
    .leftJoin(t.orders, eq(t.orders.id, e.orderId))
    .where(and(...where))
    .orderBy(desc(e.id))
    .limit(page.limit);
  return rows.map(({ commission, ...r }) => ({
    ...r,
    id: String(r.id),
    occurredAt: r.occurredAt.toISOString(),
    amountMinor: -r.amountMinor,
    commissionMinor: r.orderId === null ? null : 0 - Number(commission ?? 0),
  }));
}

function decodeEntryCursor(cursor: string | undefined): number | null {
  if (cursor === undefined) return null;
  const [id] = decodeCursor(cursor, 1) as [string];
  if (!/^\d{1,15}$/.test(id))
    throw new AppError(
      'validation_failed',
      'The cursor is not valid; use the nextCursor of a previous page',
      {
        fields: [{ path: 'cursor', message: 'is not a valid cursor' }],
      },
    );
  return Number(id);
}

export async function listVendorStatement(
  database: Database,
  tenant: TenantRef,
  vendorId: string,
  query: StatementQuery,
): Promise<StatementPage> {
  const after = decodeEntryCursor(query.cursor);
  const rows = await withTenant(database, tenant, (tx) =>
    statementPage(tx, vendorId, query, { after, limit: query.limit + 1 }),
  );
  const data = rows.slice(0, query.limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null };
}

export const STATEMENT_CSV_COLUMNS = [
  'entry_id',
  'occurred_at',
  'kind',
  'reference',
  'order_id',
  'order_status',
  'currency',
  'amount_minor',
  'commission_minor',
] as const;

/** The whole statement (with the same filters) as CSV, read 1,000 entries per short transaction. */
export async function* exportVendorStatementCsv(
  database: Database,
  tenant: TenantRef,
  vendorId: string,
  filters: Filters,
): AsyncGenerator<string> {
  yield stringify([[...STATEMENT_CSV_COLUMNS]]);
  let after: number | null = null;
  for (;;) {
    const cursor: number | null = after;
    const rows: StatementEntry[] = await withTenant(database, tenant, (tx) =>
      statementPage(tx, vendorId, filters, { after: cursor, limit: 1000 }),
    );
    if (rows.length === 0) return;
    yield stringify(
      rows.map((r) => [
        r.id,
        r.occurredAt,
        r.kind,
        r.reference,
        r.orderId ?? '',
        r.orderStatus ?? '',
        r.currency,
        r.amountMinor,
        r.commissionMinor ?? '',
      ]),
    );
    if (rows.length < 1000) return;
    after = Number(rows.at(-1)?.id);
  }
}
