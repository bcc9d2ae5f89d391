-- ADR 0044: an entry's references are checked once per INSERT statement, not once per row.
--
-- The two foreign keys of `ledger_entries` (to its account and currency, and to its order) ran a
-- lookup and took a row lock per entry: 8 lookups each for a two-order checkout, and every
-- checkout's locks on the same commission, tax and vendor accounts. The statement trigger that
-- already checks that the statement balances now also checks, with one lookup per entry in the
-- same query, that each entry's account exists in the entry's currency and its order exists.
-- What a foreign key's lock protected, that the referenced row is not deleted (or its key
-- changed) before the entry commits, holds because neither can happen: accounts become
-- append-only here, like entries and transactions, and orders are never deleted or renumbered.
ALTER TABLE "tenant_template"."ledger_entries" DROP CONSTRAINT "ledger_entries_order_id_orders_id_fk";--> statement-breakpoint
ALTER TABLE "tenant_template"."ledger_entries" DROP CONSTRAINT "ledger_entries_account_currency_fk";--> statement-breakpoint
ALTER TABLE "tenant_template"."ledger_accounts" DROP CONSTRAINT "ledger_accounts_id_currency_key";--> statement-breakpoint
-- Keyed by transaction (its entries are read together; ledger_post inserts them together): one
-- index instead of the id's and the transaction's.
ALTER TABLE "tenant_template"."ledger_entries" DROP CONSTRAINT "ledger_entries_pkey";--> statement-breakpoint
ALTER TABLE "tenant_template"."ledger_entries" ADD CONSTRAINT "ledger_entries_transaction_id_id_pk" PRIMARY KEY("transaction_id","id");--> statement-breakpoint
DROP INDEX "tenant_template"."ledger_entries_transaction_id_idx";--> statement-breakpoint
CREATE TRIGGER "ledger_accounts_append_only" BEFORE UPDATE OR DELETE ON "tenant_template"."ledger_accounts"
	FOR EACH ROW EXECUTE FUNCTION "tenant_template"."ledger_append_only"();--> statement-breakpoint
CREATE TRIGGER "ledger_accounts_no_truncate" BEFORE TRUNCATE ON "tenant_template"."ledger_accounts"
	FOR EACH STATEMENT EXECUTE FUNCTION "tenant_template"."ledger_append_only"();--> statement-breakpoint
-- An order is cancelled, never deleted: its ledger entries, invoices and messages refer to it.
CREATE FUNCTION "tenant_template"."orders_kept"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'orders are never deleted or renumbered: % refused', TG_OP
		USING ERRCODE = 'restrict_violation', HINT = 'cancel the order instead';
END
$$;--> statement-breakpoint
CREATE TRIGGER "orders_kept" BEFORE DELETE OR UPDATE OF "id" ON "tenant_template"."orders"
	FOR EACH ROW EXECUTE FUNCTION "tenant_template"."orders_kept"();--> statement-breakpoint
CREATE TRIGGER "orders_kept_truncate" BEFORE TRUNCATE ON "tenant_template"."orders"
	FOR EACH STATEMENT EXECUTE FUNCTION "tenant_template"."orders_kept"();--> statement-breakpoint
-- Every INSERT of entries (ledger_post's, or the owner's by hand) must leave the entries it adds
-- summing to zero per transaction and currency, each in an account kept in its currency, each
-- order it names existing. One query over the statement's own rows; LATERAL with LIMIT 1 is one
-- index probe per entry (as a generic plan, an anti-join could scan every account or order).
CREATE FUNCTION "tenant_template"."ledger_check_entries"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	unbalanced text;
	no_account text;
	no_order text;
BEGIN
	SELECT
		(SELECT format('ledger transaction %s does not balance: %s %s off', n.transaction_id, sum(n.amount_minor), n.currency)
			FROM new_entries n GROUP BY n.transaction_id, n.currency HAVING sum(n.amount_minor) <> 0 LIMIT 1),
		(SELECT format('ledger entry in %s names account %s, which is not kept in %s', n.currency, n.account_id, n.currency)
			FROM new_entries n
			LEFT JOIN LATERAL (
				SELECT true AS ok FROM "tenant_template"."ledger_accounts" a
					WHERE a.id = n.account_id AND a.currency = n.currency LIMIT 1) acc ON true
			WHERE acc.ok IS NULL LIMIT 1),
		(SELECT format('ledger entry names order %s, which does not exist', n.order_id)
			FROM new_entries n
			LEFT JOIN LATERAL (
				SELECT true AS ok FROM "tenant_template"."orders" o WHERE o.id = n.order_id LIMIT 1) ord ON true
			WHERE n.order_id IS NOT NULL AND ord.ok IS NULL LIMIT 1)
		INTO unbalanced, no_account, no_order;
	IF unbalanced IS NOT NULL THEN
		RAISE EXCEPTION '%', unbalanced USING ERRCODE = 'check_violation';
	END IF;
	IF coalesce(no_account, no_order) IS NOT NULL THEN
		RAISE EXCEPTION '%', coalesce(no_account, no_order) USING ERRCODE = 'foreign_key_violation';
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
DROP TRIGGER "ledger_entries_balanced" ON "tenant_template"."ledger_entries";--> statement-breakpoint
DROP FUNCTION "tenant_template"."ledger_check_balanced"();--> statement-breakpoint
CREATE TRIGGER "ledger_entries_checked" AFTER INSERT ON "tenant_template"."ledger_entries"
	REFERENCING NEW TABLE AS new_entries
	FOR EACH STATEMENT EXECUTE FUNCTION "tenant_template"."ledger_check_entries"();--> statement-breakpoint
-- As 0020's, but the accounts are looked up and the missing ones created in one statement (the
-- lookup again only when a concurrent posting created one first). CREATE OR REPLACE keeps its
-- owner and grants (EXECUTE for the tenant role only).
CREATE OR REPLACE FUNCTION "tenant_template"."ledger_post"(p_accounts jsonb, p_transactions jsonb, p_entries jsonb)
	RETURNS TABLE (posted_key text, posted_id text, was_replayed boolean) LANGUAGE plpgsql
	SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	-- Its statements' plans do not depend on the values: plan them once per session, not per call.
	SET plan_cache_mode = force_generic_plan AS $$
DECLARE
	ids text[];
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
	-- The accounts by key, those missing created, in one statement. LATERAL with LIMIT 1 (which
	-- keeps the planner from turning it into a join): one index probe per key; plpgsql's generic
	-- plans do not know the JSON is small, and as a join the plan was a hash join over a scan of
	-- every account (one per company and vendor).
	WITH x AS (
		SELECT x.n, x.id AS new_id, x.kind, x.owner_id, x.currency, found.id
			FROM jsonb_to_recordset(p_accounts) AS x(n int, id text, kind text, owner_id text, currency text)
			LEFT JOIN LATERAL (
				SELECT a.id FROM "tenant_template"."ledger_accounts" a
					WHERE a.kind = x.kind AND coalesce(a.owner_id, '') = coalesce(x.owner_id, '') AND a.currency = x.currency LIMIT 1) found ON true),
	ins AS (
		INSERT INTO "tenant_template"."ledger_accounts" (id, kind, owner_id, currency)
			SELECT x.new_id, x.kind, x.owner_id, x.currency FROM x WHERE x.id IS NULL ORDER BY x.n
			ON CONFLICT DO NOTHING
			RETURNING id)
	SELECT array_agg(coalesce(x.id, ins.id) ORDER BY x.n) INTO ids FROM x LEFT JOIN ins ON ins.id = x.new_id;
	IF array_position(ids, NULL) IS NOT NULL THEN
		-- A concurrent posting created it first (ON CONFLICT waited for its commit): look it up.
		SELECT array_agg(coalesce(ids[x.n + 1], found.id) ORDER BY x.n) INTO ids
			FROM jsonb_to_recordset(p_accounts) AS x(n int, kind text, owner_id text, currency text)
			LEFT JOIN LATERAL (
				SELECT a.id FROM "tenant_template"."ledger_accounts" a
					WHERE ids[x.n + 1] IS NULL
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
$$;
