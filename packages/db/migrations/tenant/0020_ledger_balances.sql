-- ADR 0043: balances in slots, one statement per posting, `ledger_post` the only writer.
--
-- An account's balance moves to `ledger_balances`, spread over up to 8 rows (slots) per account:
-- a posting moves the slot of its database connection, so concurrent postings to one account
-- (the marketplace's commission and tax accounts and a busy vendor's payable: every checkout) do
-- not queue on one row lock until each other's commit. The balance is the sum of the slots; the
-- version (how many postings moved the account) the sum of theirs. A connection takes its slot
-- at its first posting, from a sequence, round robin (`agora.ledger_slot`, for the session).
CREATE TABLE "tenant_template"."ledger_balances" (
	"account_id" text NOT NULL,
	"slot" smallint NOT NULL,
	"balance_minor" bigint NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "ledger_balances_account_id_slot_pk" PRIMARY KEY("account_id","slot")
);
--> statement-breakpoint
CREATE SEQUENCE "tenant_template"."ledger_balance_slots" AS integer MINVALUE 0 MAXVALUE 7 CYCLE START WITH 0;--> statement-breakpoint
ALTER TABLE "tenant_template"."ledger_balances" ADD CONSTRAINT "ledger_balances_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "tenant_template"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
INSERT INTO "tenant_template"."ledger_balances" ("account_id", "slot", "balance_minor", "version")
	SELECT "id", 0, "balance_minor", "version" FROM "tenant_template"."ledger_accounts" WHERE "version" > 0;--> statement-breakpoint
ALTER TABLE "tenant_template"."ledger_accounts" DROP COLUMN "balance_minor";--> statement-breakpoint
ALTER TABLE "tenant_template"."ledger_accounts" DROP COLUMN "version";--> statement-breakpoint
-- An entry is in its account's currency: one foreign key on (account, currency) instead of a
-- lookup per entry in the balanced check.
ALTER TABLE "tenant_template"."ledger_accounts" ADD CONSTRAINT "ledger_accounts_id_currency_key" UNIQUE("id","currency");--> statement-breakpoint
ALTER TABLE "tenant_template"."ledger_entries" DROP CONSTRAINT "ledger_entries_account_id_ledger_accounts_id_fk";--> statement-breakpoint
-- `ledger_post` writes a transaction and its entries in one statement, the entries joined to the
-- transactions it inserted; nothing else can write either (below). The foreign key from entry to
-- transaction checked what that join guarantees, as does the deferred "has entries" check, which
-- `ledger_post` now makes as it writes.
ALTER TABLE "tenant_template"."ledger_entries" DROP CONSTRAINT "ledger_entries_transaction_id_ledger_transactions_id_fk";--> statement-breakpoint
DROP TRIGGER "ledger_transactions_has_entries" ON "tenant_template"."ledger_transactions";--> statement-breakpoint
DROP FUNCTION "tenant_template"."ledger_check_has_entries"();--> statement-breakpoint
ALTER TABLE "tenant_template"."ledger_entries" ADD CONSTRAINT "ledger_entries_account_currency_fk" FOREIGN KEY ("account_id","currency") REFERENCES "tenant_template"."ledger_accounts"("id","currency") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Balanced per statement, from the statement's own rows: every INSERT must leave the entries it
-- adds summing to zero per transaction and currency. Entries are never updated, deleted or
-- truncated (0017's triggers), so every transaction, the sum of such statements' rows, balances.
-- No lookup of earlier entries.
CREATE OR REPLACE FUNCTION "tenant_template"."ledger_check_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	bad record;
BEGIN
	SELECT n.transaction_id, n.currency, sum(n.amount_minor) AS total INTO bad
		FROM new_entries n
		GROUP BY n.transaction_id, n.currency
		HAVING sum(n.amount_minor) <> 0
		LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'ledger transaction % does not balance: % % off', bad.transaction_id, bad.total, bad.currency
			USING ERRCODE = 'check_violation';
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
DROP FUNCTION "tenant_template"."ledger_post"(jsonb, jsonb, jsonb);--> statement-breakpoint
-- The only way to write the ledger. SECURITY DEFINER: it runs as the schema's owner, and the
-- tenant role (the app's) may read the ledger tables but not write them (below), so every row
-- comes through here. It refers to its own schema only, by name; its inputs are data.
--
-- One call, one round trip, in the caller's transaction, in two statements:
--   1. the accounts' ids, by key (`p_accounts` comes sorted by key, `n` its position); those that
--      do not exist yet are created, in key order, `ON CONFLICT DO NOTHING` (a concurrent creator
--      of the same account makes this wait for it, then a lookup sees it);
--   2. one statement: the transactions, skipping idempotency keys already posted (or being
--      posted by a concurrent transaction, which this waits for); the entries of the new ones
--      (each names its account by `n`; PostgreSQL checks that the statement leaves each
--      transaction balanced); each account's slot moved by its delta, `version + 1`, in account
--      id order (so concurrent postings that share a slot take them in the same order and cannot
--      deadlock).
-- Refuses a transaction without entries. Returns every posting's key, its transaction id, and
-- whether it had been posted before.
CREATE FUNCTION "tenant_template"."ledger_post"(p_accounts jsonb, p_transactions jsonb, p_entries jsonb)
	RETURNS TABLE (posted_key text, posted_id text, was_replayed boolean) LANGUAGE plpgsql
	SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	-- Its statements' plans do not depend on the values: plan them once per session, not per call.
	SET plan_cache_mode = force_generic_plan AS $$
DECLARE
	ids text[];
	created text[];
	fresh text[];
	fresh_keys text[];
	with_entries bigint;
	my_slot text := current_setting('agora.ledger_slot', true);
BEGIN
	-- The connection's slot (one of 8), taken round robin at its first posting: concurrent
	-- connections move different rows, and one connection's postings reuse one.
	IF my_slot IS NULL OR my_slot !~ '^[0-7]$' THEN
		my_slot := nextval('"tenant_template"."ledger_balance_slots"')::text;
		PERFORM set_config('agora.ledger_slot', my_slot, false);
	END IF;
	-- LATERAL with LIMIT 1 (which keeps the planner from turning it into a join): one index probe
	-- per key. plpgsql's generic plans do not know the JSON is small; as a join, the plan was a
	-- hash join over a scan of every account (one per company and vendor).
	SELECT array_agg(found.id ORDER BY x.n) INTO ids
		FROM jsonb_to_recordset(p_accounts) AS x(n int, kind text, owner_id text, currency text)
		LEFT JOIN LATERAL (
			SELECT a.id FROM "tenant_template"."ledger_accounts" a
				WHERE a.kind = x.kind AND coalesce(a.owner_id, '') = coalesce(x.owner_id, '') AND a.currency = x.currency LIMIT 1) found ON true;
	IF array_position(ids, NULL) IS NOT NULL THEN
		WITH ins AS (
			INSERT INTO "tenant_template"."ledger_accounts" (id, kind, owner_id, currency)
				SELECT x.id, x.kind, x.owner_id, x.currency
					FROM jsonb_to_recordset(p_accounts) AS x(n int, id text, kind text, owner_id text, currency text)
					WHERE ids[x.n + 1] IS NULL
					ORDER BY x.n
				ON CONFLICT DO NOTHING
				RETURNING id)
		SELECT array_agg(ins.id) INTO created FROM ins;
		-- Every missing account is ours now, unless a concurrent posting created one first.
		SELECT array_agg(coalesce(ids[x.n + 1], CASE WHEN x.id = ANY (created) THEN x.id END, found.id) ORDER BY x.n) INTO ids
			FROM jsonb_to_recordset(p_accounts) AS x(n int, id text, kind text, owner_id text, currency text)
			LEFT JOIN LATERAL (
				SELECT a.id FROM "tenant_template"."ledger_accounts" a
					WHERE ids[x.n + 1] IS NULL AND NOT (x.id = ANY (coalesce(created, '{}')))
						AND a.kind = x.kind AND coalesce(a.owner_id, '') = coalesce(x.owner_id, '') AND a.currency = x.currency LIMIT 1) found ON true;
	END IF;

	-- A missing account id (null) fails the entries' NOT NULL: nothing is dropped silently.
	WITH ins AS (
		INSERT INTO "tenant_template"."ledger_transactions" AS lt (id, idempotency_key, kind, reference, memo, actor_user_id, occurred_at)
			SELECT x.id, x.idempotency_key, x.kind, x.reference, x.memo, x.actor_user_id, x.occurred_at
				FROM jsonb_to_recordset(p_transactions)
					AS x(id text, idempotency_key text, kind text, reference text, memo text, actor_user_id text, occurred_at timestamptz)
		ON CONFLICT (idempotency_key) DO NOTHING
		RETURNING lt.id, lt.idempotency_key),
	written AS (
		INSERT INTO "tenant_template"."ledger_entries" (transaction_id, account_id, order_id, amount_minor, currency)
			SELECT ins.id, ids[x.account + 1], x.order_id, x.amount_minor, x.currency
				FROM jsonb_to_recordset(p_entries)
					AS x(transaction_id text, account int, currency text, order_id text, amount_minor bigint)
				JOIN ins ON ins.id = x.transaction_id
			RETURNING transaction_id, account_id, amount_minor),
	moved AS (
		INSERT INTO "tenant_template"."ledger_balances" AS b (account_id, slot, balance_minor, version)
			SELECT w.account_id, my_slot::smallint, sum(w.amount_minor), 1
				FROM written w GROUP BY w.account_id ORDER BY w.account_id
		ON CONFLICT (account_id, slot) DO UPDATE
			SET balance_minor = b.balance_minor + excluded.balance_minor, version = b.version + 1)
	SELECT coalesce(array_agg(ins.id), '{}'), coalesce(array_agg(ins.idempotency_key), '{}'),
			(SELECT count(DISTINCT w.transaction_id) FROM written w)
		INTO fresh, fresh_keys, with_entries FROM ins;
	IF with_entries <> cardinality(fresh) THEN
		RAISE EXCEPTION 'a ledger transaction needs entries' USING ERRCODE = 'check_violation';
	END IF;

	IF cardinality(fresh) = jsonb_array_length(p_transactions) THEN
		RETURN QUERY SELECT k, id, false FROM unnest(fresh_keys, fresh) AS f(k, id);
	ELSE
		RETURN QUERY
			SELECT x.idempotency_key, coalesce(earlier.id, x.id), x.id <> ALL (fresh)
				FROM jsonb_to_recordset(p_transactions) AS x(id text, idempotency_key text)
				LEFT JOIN LATERAL (
					SELECT lt.id FROM "tenant_template"."ledger_transactions" lt
						WHERE lt.idempotency_key = x.idempotency_key AND x.id <> ALL (fresh) LIMIT 1) earlier ON true;
	END IF;
END
$$;--> statement-breakpoint
-- The tenant role reads the ledger and writes it through `ledger_post` only. Its role has the
-- schema's name (createTenantRole), which the migration runner's retargeting gives us here.
DO $$
DECLARE
	s text := (parse_ident('"tenant_template".ledger_post'))[1];
BEGIN
	EXECUTE format('REVOKE ALL ON FUNCTION %I.ledger_post(jsonb, jsonb, jsonb) FROM PUBLIC', s);
	IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = s) THEN
		EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %I.ledger_accounts, %I.ledger_transactions, %I.ledger_entries, %I.ledger_balances FROM %I', s, s, s, s, s);
		EXECUTE format('GRANT EXECUTE ON FUNCTION %I.ledger_post(jsonb, jsonb, jsonb) TO %I', s, s);
	END IF;
END
$$;
