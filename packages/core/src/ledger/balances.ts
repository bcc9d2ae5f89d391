import type { TenantTx } from '@agora/db';
import { sql } from 'drizzle-orm';

/**
 * An account's balance (debit positive) in a select over `ledger_accounts`: the sum of its
 * balance slots (ADR 0043), 0 for an account nothing was posted to.
 */
export const accountBalance = ({ t }: TenantTx) =>
  sql`(select coalesce(sum(${t.ledgerBalances.balanceMinor}), 0) from ${t.ledgerBalances} where ${t.ledgerBalances.accountId} = ${t.ledgerAccounts.id})`.mapWith(
    Number,
  );
