import { newId } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { and, asc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { sumAmounts } from '../commerce/money.js';
import { type AccountKey, accountKeyString, assertBalanced, type PostingDraft } from './accounting.js';

export type PostResult = { transactionId: string; idempotencyKey: string; replayed: boolean };

/**
 * Write postings to the ledger inside the caller's transaction (ADR 0038):
 *
 *   1. each posting is checked to balance per currency (PostgreSQL checks it again at commit);
 *   2. its transaction row is inserted with `ON CONFLICT (idempotency_key) DO NOTHING`: a key
 *      already posted (or being posted by a concurrent transaction, which we then wait for)
 *      returns the existing transaction and writes nothing (in the same statement, accounts
 *      that do not exist yet are created, in key order, before any account is locked, and the
 *      accounts' ids are read);
 *   3. in one statement: every account the new postings touch is locked by a `SELECT ... ORDER
 *      BY id FOR UPDATE` CTE (so concurrent postings take shared accounts in the same order and
 *      cannot deadlock), the entries are inserted and the balances updated (`balance + delta`,
 *      `version + 1`).
 *
 * Two round trips whatever the number of postings and entries (placement pays for them).
 *
 * Post everything a database transaction needs in ONE call: locks are held to commit, so two
 * calls in one transaction could take accounts out of id order.
 */
export async function postMany(tx: TenantTx, postings: readonly PostingDraft[]): Promise<PostResult[]> {
  if (postings.length === 0) return [];
  const keys = new Set<string>();
  for (const p of postings) {
    if (keys.has(p.idempotencyKey)) throw new Error(`idempotency key ${p.idempotencyKey} twice in one call`);
    keys.add(p.idempotencyKey);
    assertBalanced(p.entries);
  }
  const { db, t } = tx;
  const rows = postings.map((p) => ({
    id: newId('ltx'),
    idempotencyKey: p.idempotencyKey,
    kind: p.kind,
    reference: p.reference,
    memo: p.memo ?? '',
    actorUserId: p.actorUserId ?? null,
    occurredAt: p.occurredAt ?? new Date(),
  }));
  const wantedAll = new Map<string, AccountKey>();
  for (const p of postings) for (const e of p.entries) wantedAll.set(accountKeyString(e.account), e.account);
  const newAccounts = [...wantedAll.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, k]) => k);

  // Round trip 1: create missing accounts (key order; existing ones are not locked), insert the
  // transactions (skipping keys already posted), and read the accounts' ids.
  const a = t.ledgerAccounts;
  const keyWhere = sql.join(
    newAccounts.map(
      (k) =>
        sql`(acc.kind = ${k.kind} and ${k.ownerId === null ? sql`acc.owner_id is null` : sql`acc.owner_id = ${k.ownerId}`} and acc.currency = ${k.currency})`,
    ),
    sql` or `,
  );
  const first = await db.execute<{
    what: string;
    id: string;
    kind: AccountKey['kind'] | null;
    owner_id: string | null;
    currency: string | null;
  }>(sql`
    with created as (
      insert into ${a} (id, kind, owner_id, currency)
      values ${sql.join(
        newAccounts.map((k) => sql`(${newId('lac')}, ${k.kind}, ${k.ownerId}, ${k.currency})`),
        sql`, `,
      )}
      on conflict do nothing
      returning id, kind, owner_id, currency
    ), txs as (
      insert into ${t.ledgerTransactions} (id, idempotency_key, kind, reference, memo, actor_user_id, occurred_at)
      values ${sql.join(
        rows.map(
          (r) =>
            sql`(${r.id}, ${r.idempotencyKey}, ${r.kind}, ${r.reference}, ${r.memo}, ${r.actorUserId}, ${r.occurredAt.toISOString()}::timestamptz)`,
        ),
        sql`, `,
      )}
      on conflict (idempotency_key) do nothing
      returning id
    )
    select 'account' as what, id, kind, owner_id, currency from created
    union all
    select 'account', acc.id, acc.kind, acc.owner_id, acc.currency from ${a} acc where ${keyWhere}
    union all
    select 'transaction', id, null, null, null from txs`);
  const inserted = { rows: first.rows.filter((r) => r.what === 'transaction') };
  const accountIds = new Map(
    first.rows
      .filter((r) => r.what === 'account')
      .map((r) => [
        accountKeyString({
          kind: r.kind as AccountKey['kind'],
          ownerId: r.owner_id,
          currency: r.currency as string,
        }),
        r.id,
      ]),
  );
  const fresh = new Set(inserted.rows.map((r) => r.id));
  const replayedKeys = rows.filter((r) => !fresh.has(r.id)).map((r) => r.idempotencyKey);
  const existing = new Map<string, string>();
  if (replayedKeys.length) {
    const found = await db
      .select({ id: t.ledgerTransactions.id, key: t.ledgerTransactions.idempotencyKey })
      .from(t.ledgerTransactions)
      .where(inArray(t.ledgerTransactions.idempotencyKey, replayedKeys));
    for (const f of found) existing.set(f.key, f.id);
  }
  const results: PostResult[] = rows.map((r) =>
    fresh.has(r.id)
      ? { transactionId: r.id, idempotencyKey: r.idempotencyKey, replayed: false }
      : {
          transactionId: existing.get(r.idempotencyKey) as string,
          idempotencyKey: r.idempotencyKey,
          replayed: true,
        },
  );
  const toWrite = postings
    .map((p, i) => ({ p, id: (rows[i] as (typeof rows)[number]).id }))
    .filter((x) => fresh.has(x.id));
  if (toWrite.length === 0) return results;

  // An account created by a concurrent transaction after this statement's snapshot is missing
  // from what round trip 1 read (its insert waited, then did nothing): read it now (rare).
  const wanted = new Map<string, AccountKey>();
  for (const { p } of toWrite) for (const e of p.entries) wanted.set(accountKeyString(e.account), e.account);
  const missing = [...wanted.entries()].filter(([k]) => !accountIds.has(k)).map(([, k]) => k);
  if (missing.length) for (const [k, id] of await selectAccounts(tx, missing, false)) accountIds.set(k, id);

  // Round trip 2, one statement: lock every account the new postings touch in id order (the
  // CTE's rows are locked as it emits them, and the UPDATE only reaches a row after the CTE has
  // emitted it), insert the entries, add each account's delta with version + 1.
  const entries = toWrite.flatMap(({ p, id }) =>
    p.entries.map((e) => ({
      transactionId: id,
      accountId: accountIds.get(accountKeyString(e.account)) as string,
      orderId: e.orderId,
      amountMinor: e.amountMinor,
      currency: e.account.currency,
    })),
  );
  const deltas = new Map<string, number[]>();
  for (const e of entries) {
    const list = deltas.get(e.accountId) ?? [];
    list.push(e.amountMinor);
    deltas.set(e.accountId, list);
  }
  const touched = [...deltas.keys()];
  await db.execute(sql`
    with locked as materialized (
      select id from ${a} where id in (${sql.join(
        touched.map((id) => sql`${id}`),
        sql`, `,
      )}) order by id for update
    ), written as (
      insert into ${t.ledgerEntries} (transaction_id, account_id, order_id, amount_minor, currency)
      values ${sql.join(
        entries.map(
          (e) =>
            sql`(${e.transactionId}, ${e.accountId}, ${e.orderId}, ${e.amountMinor}::bigint, ${e.currency})`,
        ),
        sql`, `,
      )}
    )
    update ${a} as upd
       set balance_minor = upd.balance_minor + v.delta, version = upd.version + 1
      from locked l
      join (values ${sql.join(
        [...deltas.entries()].map(([id, amounts]) => sql`(${id}::text, ${sumAmounts(amounts)}::bigint)`),
        sql`, `,
      )}) as v(id, delta) on v.id = l.id
     where upd.id = l.id`);
  return results;
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
 * `SELECT ... ORDER BY id FOR UPDATE`. Creating accounts after locking others would take the
 * new rows out of id order (a deadlock the concurrency test caught).
 */
export async function lockAccounts(tx: TenantTx, keys: readonly AccountKey[]): Promise<Map<string, string>> {
  const { db, t } = tx;
  const sorted = [...keys].sort((x, y) => accountKeyString(x).localeCompare(accountKeyString(y)));
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
  const found = lock ? await query.for('update') : await query;
  return new Map(found.map((f) => [accountKeyString(f), f.id]));
}
