CREATE TABLE "tenant_template"."commission_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "commission_version_single_row" CHECK ("tenant_template"."commission_version"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "tenant_template"."ledger_accounts" DROP CONSTRAINT "ledger_accounts_kind_owner_id_currency_key";--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_key_idx" ON "tenant_template"."ledger_accounts" USING btree ("kind",coalesce("owner_id", ''),"currency");--> statement-breakpoint
INSERT INTO "tenant_template"."commission_version" ("id", "version") VALUES (1, 0) ON CONFLICT DO NOTHING;--> statement-breakpoint
-- ADR 0037, "Rules in memory": raised once per committed transaction that changes a rule, a rule
-- version or a category (rules by category match by path), at commit (deferred, as the catalog
-- version of ADR 0020: the version row is the last lock a writer takes, so no deadlock with the
-- rows it changed). The first event of a transaction raises it; the flag makes the others return.
CREATE FUNCTION "tenant_template"."bump_commission_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF current_setting('agora.commission_version_bumped', true) IS DISTINCT FROM TG_TABLE_SCHEMA THEN
		UPDATE "tenant_template"."commission_version" SET "version" = "version" + 1 WHERE "id" = 1;
		PERFORM set_config('agora.commission_version_bumped', TG_TABLE_SCHEMA, true);
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "commission_rules_commission_version" AFTER INSERT OR UPDATE OR DELETE ON "tenant_template"."commission_rules"
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "tenant_template"."bump_commission_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "commission_rule_versions_commission_version" AFTER INSERT OR UPDATE OR DELETE ON "tenant_template"."commission_rule_versions"
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "tenant_template"."bump_commission_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "categories_commission_version" AFTER INSERT OR UPDATE OR DELETE ON "tenant_template"."categories"
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "tenant_template"."bump_commission_version"();--> statement-breakpoint
-- TRUNCATE fires no row triggers: a statement trigger raises it (the migration runner's owner
-- role is the only one that can truncate).
CREATE TRIGGER "commission_rules_commission_version_truncate" AFTER TRUNCATE ON "tenant_template"."commission_rules"
	FOR EACH STATEMENT EXECUTE FUNCTION "tenant_template"."bump_commission_version"();--> statement-breakpoint
CREATE TRIGGER "commission_rule_versions_commission_version_truncate" AFTER TRUNCATE ON "tenant_template"."commission_rule_versions"
	FOR EACH STATEMENT EXECUTE FUNCTION "tenant_template"."bump_commission_version"();--> statement-breakpoint
CREATE TRIGGER "categories_commission_version_truncate" AFTER TRUNCATE ON "tenant_template"."categories"
	FOR EACH STATEMENT EXECUTE FUNCTION "tenant_template"."bump_commission_version"();--> statement-breakpoint
-- ADR 0038, "One round trip per posting": a placement's postings cost one call of
-- `ledger_post` instead of two statements, the check that a transaction balances runs once per
-- INSERT statement instead of once per entry at commit, and accounts are found by one index.
--
-- Balanced per statement: every INSERT into ledger_entries must leave each transaction it adds to
-- summing to zero per currency, with each entry in its account's currency. One check per statement
-- (a transition table of the statement's rows) instead of one deferred check per entry; a
-- transaction's entries are therefore written in one statement (`ledger_post` does).
DROP TRIGGER "ledger_entries_balanced" ON "tenant_template"."ledger_entries";--> statement-breakpoint
DROP FUNCTION "tenant_template"."ledger_check_balanced"();--> statement-breakpoint
CREATE FUNCTION "tenant_template"."ledger_check_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	bad record;
BEGIN
	-- LATERAL: one index probe per transaction and per entry. Plans are kept per session and made
	-- without knowing how few rows the statement wrote; a join could pick a scan of every entry.
	SELECT n.transaction_id, b.currency, b.total INTO bad
		FROM (SELECT DISTINCT t.transaction_id FROM new_entries t) n,
		LATERAL (
			SELECT e.currency, sum(e.amount_minor) AS total
				FROM "tenant_template"."ledger_entries" e
				WHERE e.transaction_id = n.transaction_id
				GROUP BY e.currency HAVING sum(e.amount_minor) <> 0 LIMIT 1) b
		LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'ledger transaction % does not balance: % % off', bad.transaction_id, bad.total, bad.currency
			USING ERRCODE = 'check_violation';
	END IF;
	PERFORM 1 FROM new_entries n,
		LATERAL (SELECT a.currency FROM "tenant_template"."ledger_accounts" a WHERE a.id = n.account_id) a
		WHERE a.currency <> n.currency;
	IF FOUND THEN
		RAISE EXCEPTION 'ledger entry on an account kept in another currency'
			USING ERRCODE = 'check_violation';
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "ledger_entries_balanced" AFTER INSERT ON "tenant_template"."ledger_entries"
	REFERENCING NEW TABLE AS new_entries
	FOR EACH STATEMENT EXECUTE FUNCTION "tenant_template"."ledger_check_balanced"();--> statement-breakpoint
-- One posting call, in one round trip, in the caller's transaction:
--   1. accounts that do not exist yet are created, in key order (`p_accounts` comes sorted; an
--      existing account is neither locked nor waited for here, and a concurrent creator of the
--      same account makes this wait for it before it holds anything else);
--   2. the transactions are inserted, skipping idempotency keys already posted (or being posted
--      by a concurrent transaction, which this then waits for);
--   3. the entries are inserted (one statement: PostgreSQL checks each statement's transactions
--      balance);
--   4. every account the new transactions touch is locked, in id order (concurrent postings take
--      shared accounts in the same order and cannot deadlock), and its balance moves by its
--      delta, version + 1.
-- Returns every posting's key, its transaction id, and whether it had been posted before.
-- Each statement sees what the one before it did (and what committed meanwhile, in READ
-- COMMITTED), so step 3 finds accounts that step 1 waited for.
CREATE FUNCTION "tenant_template"."ledger_post"(p_accounts jsonb, p_transactions jsonb, p_entries jsonb)
	RETURNS TABLE (posted_key text, posted_id text, was_replayed boolean) LANGUAGE plpgsql
	-- Its statements' plans do not depend on the values: plan them once per session, not per call.
	SET plan_cache_mode = force_generic_plan AS $$
DECLARE
	fresh text[];
	fresh_keys text[];
	touched text[];
	deltas bigint[];
BEGIN
	-- Accounts are looked up with LATERAL subqueries, one index probe per key: plpgsql keeps its
	-- plans per session, made without knowing that the JSON holds a handful of rows, and a join
	-- could otherwise pick a scan of every account (one per company and vendor).
	--
	-- Only the accounts this snapshot does not see go through ON CONFLICT: its uniqueness check on
	-- an existing account would wait for every transaction updating that account's balance (the
	-- marketplace's commission and tax accounts: every placement), where this lookup does not.
	INSERT INTO "tenant_template"."ledger_accounts" (id, kind, owner_id, currency)
		SELECT x.id, x.kind, x.owner_id, x.currency
			FROM jsonb_to_recordset(p_accounts) AS x(n int, id text, kind text, owner_id text, currency text)
			LEFT JOIN LATERAL (
				SELECT a.id FROM "tenant_template"."ledger_accounts" a
					WHERE a.kind = x.kind AND coalesce(a.owner_id, '') = coalesce(x.owner_id, '') AND a.currency = x.currency
					LIMIT 1) found ON true
			WHERE found.id IS NULL
			ORDER BY x.n
		ON CONFLICT DO NOTHING;

	WITH ins AS (
		INSERT INTO "tenant_template"."ledger_transactions" AS lt (id, idempotency_key, kind, reference, memo, actor_user_id, occurred_at)
			SELECT x.id, x.idempotency_key, x.kind, x.reference, x.memo, x.actor_user_id, x.occurred_at
				FROM jsonb_to_recordset(p_transactions)
					AS x(id text, idempotency_key text, kind text, reference text, memo text, actor_user_id text, occurred_at timestamptz)
		ON CONFLICT (idempotency_key) DO NOTHING
		RETURNING lt.id, lt.idempotency_key)
	SELECT coalesce(array_agg(ins.id), '{}'), coalesce(array_agg(ins.idempotency_key), '{}') INTO fresh, fresh_keys FROM ins;

	IF cardinality(fresh) = jsonb_array_length(p_transactions) THEN
		RETURN QUERY SELECT k, id, false FROM unnest(fresh_keys, fresh) AS f(k, id);
	ELSE
		RETURN QUERY
			SELECT x.idempotency_key, coalesce(earlier.id, x.id), x.id <> ALL (fresh)
				FROM jsonb_to_recordset(p_transactions) AS x(id text, idempotency_key text)
				LEFT JOIN LATERAL (
					SELECT lt.id FROM "tenant_template"."ledger_transactions" lt
						WHERE lt.idempotency_key = x.idempotency_key AND x.id <> ALL (fresh)) earlier ON true;
		IF cardinality(fresh) = 0 THEN
			RETURN;
		END IF;
	END IF;

	-- The entries first: their foreign key checks take KEY SHARE locks on the accounts, which do
	-- not conflict with the balance updates of concurrent postings. Each account's delta comes back.
	WITH written AS (
		INSERT INTO "tenant_template"."ledger_entries" (transaction_id, account_id, order_id, amount_minor, currency)
			SELECT x.transaction_id, a.id, x.order_id, x.amount_minor, x.currency
				FROM jsonb_to_recordset(p_entries)
					AS x(transaction_id text, kind text, owner_id text, currency text, order_id text, amount_minor bigint)
				-- a missing account (null id) fails the NOT NULL of account_id: nothing is dropped silently
				LEFT JOIN LATERAL (
					SELECT acc.id FROM "tenant_template"."ledger_accounts" acc
						WHERE acc.kind = x.kind AND coalesce(acc.owner_id, '') = coalesce(x.owner_id, '') AND acc.currency = x.currency
						LIMIT 1) a ON true
				WHERE x.transaction_id = ANY (fresh)
			RETURNING account_id, amount_minor)
	SELECT array_agg(d.account_id ORDER BY d.account_id), array_agg(d.delta ORDER BY d.account_id) INTO touched, deltas
		FROM (SELECT w.account_id, sum(w.amount_minor) AS delta FROM written w GROUP BY w.account_id) d;

	-- Last, so that the rows every placement shares (the marketplace's commission and tax accounts)
	-- are held only from here to the commit: one update by primary key per account, in id order
	-- (`touched` is sorted), so concurrent postings take shared accounts in the same order.
	FOR i IN 1 .. cardinality(touched) LOOP
		UPDATE "tenant_template"."ledger_accounts"
			SET balance_minor = balance_minor + deltas[i], version = version + 1
			WHERE id = touched[i];
	END LOOP;
END
$$;
