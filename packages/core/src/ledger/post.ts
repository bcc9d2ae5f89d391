import { newId } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { type SQLWrapper, sql } from 'drizzle-orm';
import { type AccountKey, accountKeyString, assertBalanced, type PostingDraft } from './accounting.js';

/** The one order in which accounts are created (by key) wherever several may be. */
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export type PostResult = { transactionId: string; idempotencyKey: string; replayed: boolean };

/**
 * Write postings to the ledger inside the caller's transaction (ADR 0038, ADR 0043), in ONE round
 * trip: each posting is checked to balance per currency here, then the tenant schema's
 * `ledger_post` function (tenant migration 0020) finds the accounts by key (creating those that
 * do not exist yet, in key order), and in one statement inserts the transactions with `ON
 * CONFLICT (idempotency_key) DO NOTHING` (a key already posted, or being posted by a concurrent
 * transaction that we then wait for, writes nothing and returns the existing transaction),
 * inserts the new transactions' entries (PostgreSQL checks that each statement leaves its
 * transactions balanced) and moves each account's balance slot by its delta, in account id order.
 *
 * Post everything a database transaction needs in ONE call: slots are locked to commit, so two
 * calls in one transaction could take them out of account order.
 */
export async function postMany(
  tx: TenantTx,
  postings: readonly PostingDraft[],
  /**
   * A write of the caller's to run in the same statement, as a data-modifying CTE (placement's
   * order lines: one round trip fewer). It runs to completion whatever the posting does; the
   * posting does not see its rows.
   */
  alongside?: SQLWrapper,
): Promise<PostResult[]> {
  if (postings.length === 0) {
    if (alongside) await tx.db.execute(alongside.getSQL());
    return [];
  }
  const keys = new Set<string>();
  for (const p of postings) {
    if (keys.has(p.idempotencyKey)) throw new Error(`idempotency key ${p.idempotencyKey} twice in one call`);
    keys.add(p.idempotencyKey);
    assertBalanced(p.entries);
  }
  // Accounts by key, sorted: `n` is an account's position, which its entries refer to.
  const wanted = new Map<string, AccountKey>();
  for (const p of postings) for (const e of p.entries) wanted.set(accountKeyString(e.account), e.account);
  const sortedKeys = [...wanted.keys()].sort(byKey);
  const position = new Map(sortedKeys.map((k, n) => [k, n]));
  const accounts = sortedKeys.map((k, n) => {
    const a = wanted.get(k) as AccountKey;
    return { n, id: newId('lac'), kind: a.kind, owner_id: a.ownerId, currency: a.currency };
  });
  const transactions = postings.map((p) => ({
    id: newId('ltx'),
    idempotency_key: p.idempotencyKey,
    kind: p.kind,
    reference: p.reference,
    memo: p.memo ?? '',
    actor_user_id: p.actorUserId ?? null,
    occurred_at: (p.occurredAt ?? new Date()).toISOString(),
  }));
  const entries = postings.flatMap((p, i) =>
    p.entries.map((e) => ({
      transaction_id: transactions[i]?.id,
      account: position.get(accountKeyString(e.account)),
      currency: e.account.currency,
      order_id: e.orderId,
      amount_minor: e.amountMinor,
    })),
  );
  const posted = await tx.db.execute<{ posted_key: string; posted_id: string; was_replayed: boolean }>(
    sql`${alongside ? sql`with alongside as (${alongside.getSQL()}) ` : sql``}select posted_key, posted_id, was_replayed from ${sql.identifier(tx.tenant.schemaName)}.ledger_post(${JSON.stringify(accounts)}::jsonb, ${JSON.stringify(transactions)}::jsonb, ${JSON.stringify(entries)}::jsonb)`,
  );
  const results = new Map(posted.rows.map((r) => [r.posted_key, r]));
  return postings.map((p) => {
    const r = results.get(p.idempotencyKey);
    if (!r) throw new Error(`ledger_post returned nothing for ${p.idempotencyKey}`);
    return { transactionId: r.posted_id, idempotencyKey: p.idempotencyKey, replayed: r.was_replayed };
  });
}

/** One posting; see `postMany`. */
export async function post(tx: TenantTx, posting: PostingDraft): Promise<PostResult> {
  const [result] = await postMany(tx, [posting]);
  return result as PostResult;
}
