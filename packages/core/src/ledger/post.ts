import { newId } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { and, asc, eq, isNull, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type AccountKey, accountKeyString, assertBalanced, type PostingDraft } from './accounting.js';

/** The one order in which accounts are created (by key) wherever several may be. */
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export type PostResult = { transactionId: string; idempotencyKey: string; replayed: boolean };

/**
 * Write postings to the ledger inside the caller's transaction (ADR 0038), in ONE round trip:
 * each posting is checked to balance per currency here, then the tenant schema's `ledger_post`
 * function (tenant migration 0019) creates the accounts that do not exist yet (in key order,
 * without locking existing ones), inserts the transactions with `ON CONFLICT (idempotency_key) DO
 * NOTHING` (a key already posted, or being posted by a concurrent transaction that we then wait
 * for, writes nothing and returns the existing transaction), locks every account the new
 * postings touch in id order (so concurrent postings take shared accounts in the same order and
 * cannot deadlock), inserts the entries in one statement (PostgreSQL checks that each statement
 * leaves its transactions balanced) and moves the balances (`balance + delta`, `version + 1`).
 *
 * Post everything a database transaction needs in ONE call: locks are held to commit, so two
 * calls in one transaction could take accounts out of id order.
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
  const transactions = postings.map((p) => ({
    id: newId('ltx'),
    idempotency_key: p.idempotencyKey,
    kind: p.kind,
    reference: p.reference,
    memo: p.memo ?? '',
    actor_user_id: p.actorUserId ?? null,
    occurred_at: (p.occurredAt ?? new Date()).toISOString(),
  }));
  const wanted = new Map<string, AccountKey>();
  for (const p of postings) for (const e of p.entries) wanted.set(accountKeyString(e.account), e.account);
  const accounts = [...wanted.entries()]
    .sort(([a], [b]) => byKey(a, b))
    .map(([, k], n) => ({ n, id: newId('lac'), kind: k.kind, owner_id: k.ownerId, currency: k.currency }));
  const entries = postings.flatMap((p, i) =>
    p.entries.map((e) => ({
      transaction_id: transactions[i]?.id,
      kind: e.account.kind,
      owner_id: e.account.ownerId,
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

const keyMatch = (tx: TenantTx, k: AccountKey): SQL => {
  const a = tx.t.ledgerAccounts;
  return and(
    eq(a.kind, k.kind),
    k.ownerId === null ? isNull(a.ownerId) : eq(a.ownerId, k.ownerId),
    eq(a.currency, k.currency),
  ) as SQL;
};

/**
 * Lock the accounts in id order, creating those that do not exist yet; their ids by key.
 *
 * Two statements: first the missing accounts are inserted (`ON CONFLICT DO NOTHING`, in key
 * order; an existing account costs no lock, and a concurrent creator of the same account makes
 * us wait for it before we hold anything else), then every account is locked with one
 * `SELECT ... ORDER BY id FOR NO KEY UPDATE` (the lock a balance update takes; it does not block
 * the KEY SHARE locks of other postings' entry foreign keys, as FOR UPDATE would). Creating
 * accounts after locking others would take the new rows out of id order (a deadlock the
 * concurrency test caught).
 */
export async function lockAccounts(tx: TenantTx, keys: readonly AccountKey[]): Promise<Map<string, string>> {
  const { db, t } = tx;
  const sorted = [...keys].sort((x, y) => byKey(accountKeyString(x), accountKeyString(y)));
  await db
    .insert(t.ledgerAccounts)
    .values(sorted.map((k) => ({ id: newId('lac'), ...k })))
    .onConflictDoNothing();
  return selectAccounts(tx, keys, true);
}

/** Existing accounts' ids by key; `lock`: locked, in id order. */
async function selectAccounts(
  tx: TenantTx,
  keys: readonly AccountKey[],
  lock: boolean,
): Promise<Map<string, string>> {
  const { db, t } = tx;
  const query = db
    .select({
      id: t.ledgerAccounts.id,
      kind: t.ledgerAccounts.kind,
      ownerId: t.ledgerAccounts.ownerId,
      currency: t.ledgerAccounts.currency,
    })
    .from(t.ledgerAccounts)
    .where(or(...keys.map((k) => keyMatch(tx, k))))
    .orderBy(asc(t.ledgerAccounts.id));
  const found = lock ? await query.for('no key update') : await query;
  return new Map(found.map((f) => [accountKeyString(f), f.id]));
}
