import type { VendorBalance } from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { EARNED_STATUSES } from './accounting.js';
import { accountBalance } from './balances.js';

/**
 * Vendors' balances per currency, derived from the entries of their payable accounts and the
 * status of the order each entry belongs to (ADR 0038):
 *
 *   pending    credits of orders not delivered yet (net of their reversals)
 *   available  credits of delivered or completed orders, minus every payout
 *   paid       every payout so far
 *
 * pending + available = what the marketplace owes the vendor = minus the account's balance
 * (debit positive), which the tests compare.
 */
export async function vendorBalancesIn(
  tx: TenantTx,
  vendorIds: readonly string[] | null,
): Promise<(VendorBalance & { vendorId: string })[]> {
  const { db, t } = tx;
  const e = t.ledgerEntries;
  const earned = sql`${t.orders.status} in (${sql.join(
    EARNED_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  )})`;
  const filters: SQL[] = [eq(t.ledgerAccounts.kind, 'vendor_payable')];
  if (vendorIds) filters.push(inArray(t.ledgerAccounts.ownerId, [...vendorIds]));
  const rows = await db
    .select({
      vendorId: t.ledgerAccounts.ownerId,
      currency: t.ledgerAccounts.currency,
      balance: accountBalance(tx),
      pending: sql<string>`coalesce(-sum(${e.amountMinor}) filter (where ${e.orderId} is not null and not (${earned})), 0)`,
      earned: sql<string>`coalesce(-sum(${e.amountMinor}) filter (where ${e.orderId} is not null and ${earned}), 0)`,
      paid: sql<string>`coalesce(sum(${e.amountMinor}) filter (where ${e.orderId} is null), 0)`,
    })
    .from(t.ledgerAccounts)
    .innerJoin(e, eq(e.accountId, t.ledgerAccounts.id))
    .leftJoin(t.orders, eq(t.orders.id, e.orderId))
    .where(and(...filters))
    .groupBy(t.ledgerAccounts.id)
    .orderBy(t.ledgerAccounts.ownerId, t.ledgerAccounts.currency);
  return rows.map((r) => {
    const pendingMinor = Number(r.pending);
    const paidMinor = Number(r.paid);
    const availableMinor = Number(r.earned) - paidMinor;
    return {
      vendorId: r.vendorId as string,
      currency: r.currency,
      pendingMinor,
      availableMinor,
      paidMinor,
      owedMinor: -r.balance,
    };
  });
}

/** The signed-in vendor's balance per currency. */
export async function getVendorBalance(
  database: Database,
  tenant: TenantRef,
  vendorId: string,
): Promise<{ data: VendorBalance[] }> {
  const rows = await withTenant(database, tenant, (tx) => vendorBalancesIn(tx, [vendorId]));
  return { data: rows.map(({ vendorId: _, ...b }) => b) };
}
