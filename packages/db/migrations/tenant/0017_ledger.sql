CREATE TABLE "tenant_template"."ledger_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"owner_id" text,
	"currency" text NOT NULL,
	"balance_minor" bigint DEFAULT 0 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_accounts_kind_owner_id_currency_key" UNIQUE NULLS NOT DISTINCT("kind","owner_id","currency"),
	CONSTRAINT "ledger_accounts_owner_check" CHECK (("tenant_template"."ledger_accounts"."owner_id" is null) = ("tenant_template"."ledger_accounts"."kind" not in ('company_receivable', 'vendor_payable')))
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"transaction_id" text NOT NULL,
	"account_id" text NOT NULL,
	"order_id" text,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	CONSTRAINT "ledger_entries_amount_check" CHECK ("tenant_template"."ledger_entries"."amount_minor" <> 0)
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."ledger_transactions" (
	"id" text PRIMARY KEY NOT NULL,
	"idempotency_key" text NOT NULL,
	"kind" text NOT NULL,
	"reference" text NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"actor_user_id" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenant_template"."ledger_entries" ADD CONSTRAINT "ledger_entries_transaction_id_ledger_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "tenant_template"."ledger_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."ledger_entries" ADD CONSTRAINT "ledger_entries_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "tenant_template"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."ledger_entries" ADD CONSTRAINT "ledger_entries_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "tenant_template"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_entries_transaction_id_idx" ON "tenant_template"."ledger_entries" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_account_id_id_idx" ON "tenant_template"."ledger_entries" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "ledger_entries_order_id_idx" ON "tenant_template"."ledger_entries" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transactions_idempotency_key_idx" ON "tenant_template"."ledger_transactions" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "ledger_transactions_occurred_at_idx" ON "tenant_template"."ledger_transactions" USING btree ("occurred_at");--> statement-breakpoint
-- ADR 0038: the ledger's invariants are PostgreSQL's, not only the code's. Entries and
-- transactions are append-only: any UPDATE or DELETE (and TRUNCATE) raises. The tenant role owns
-- nothing, so it can neither drop nor disable these triggers (ALTER TABLE needs ownership;
-- session_replication_role needs a superuser).
CREATE FUNCTION "tenant_template"."ledger_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'ledger % rows are append-only: % refused', TG_TABLE_NAME, TG_OP
		USING ERRCODE = 'restrict_violation', HINT = 'post a reversing transaction instead';
END
$$;--> statement-breakpoint
CREATE TRIGGER "ledger_entries_append_only" BEFORE UPDATE OR DELETE ON "tenant_template"."ledger_entries"
	FOR EACH ROW EXECUTE FUNCTION "tenant_template"."ledger_append_only"();--> statement-breakpoint
CREATE TRIGGER "ledger_entries_no_truncate" BEFORE TRUNCATE ON "tenant_template"."ledger_entries"
	FOR EACH STATEMENT EXECUTE FUNCTION "tenant_template"."ledger_append_only"();--> statement-breakpoint
CREATE TRIGGER "ledger_transactions_append_only" BEFORE UPDATE OR DELETE ON "tenant_template"."ledger_transactions"
	FOR EACH ROW EXECUTE FUNCTION "tenant_template"."ledger_append_only"();--> statement-breakpoint
CREATE TRIGGER "ledger_transactions_no_truncate" BEFORE TRUNCATE ON "tenant_template"."ledger_transactions"
	FOR EACH STATEMENT EXECUTE FUNCTION "tenant_template"."ledger_append_only"();--> statement-breakpoint
-- At commit (deferred), every transaction that got entries sums to zero per currency, and each
-- entry is in its account's currency. Deferred so that `post` can insert the entries of a
-- transaction in any order and in several statements.
CREATE FUNCTION "tenant_template"."ledger_check_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	bad record;
BEGIN
	SELECT e.currency, sum(e.amount_minor) AS total INTO bad
		FROM "tenant_template"."ledger_entries" e
		WHERE e.transaction_id = NEW.transaction_id
		GROUP BY e.currency HAVING sum(e.amount_minor) <> 0 LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'ledger transaction % does not balance: % % off', NEW.transaction_id, bad.total, bad.currency
			USING ERRCODE = 'check_violation';
	END IF;
	PERFORM 1 FROM "tenant_template"."ledger_accounts" a
		WHERE a.id = NEW.account_id AND a.currency <> NEW.currency;
	IF FOUND THEN
		RAISE EXCEPTION 'ledger entry in % on an account kept in another currency', NEW.currency
			USING ERRCODE = 'check_violation';
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "ledger_entries_balanced" AFTER INSERT ON "tenant_template"."ledger_entries"
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "tenant_template"."ledger_check_balanced"();--> statement-breakpoint
-- A transaction without entries would be a posting of nothing: refused at commit too.
CREATE FUNCTION "tenant_template"."ledger_check_has_entries"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM 1 FROM "tenant_template"."ledger_entries" e WHERE e.transaction_id = NEW.id LIMIT 1;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'ledger transaction % has no entries', NEW.id USING ERRCODE = 'check_violation';
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "ledger_transactions_has_entries" AFTER INSERT ON "tenant_template"."ledger_transactions"
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "tenant_template"."ledger_check_has_entries"();
