CREATE TABLE "tenant_template"."commission_rule_versions" (
	"rule_id" text NOT NULL,
	"version" integer NOT NULL,
	"scope" text NOT NULL,
	"vendor_id" text,
	"category_id" text,
	"product_id" text,
	"kind" text NOT NULL,
	"rate_bps" integer,
	"amounts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"min_amounts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"max_amounts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"valid_from" timestamp with time zone,
	"valid_to" timestamp with time zone,
	"priority" integer DEFAULT 0 NOT NULL,
	"enabled" boolean NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"vendor_gmv_30d_min_minor" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	CONSTRAINT "commission_rule_versions_rule_id_version_pk" PRIMARY KEY("rule_id","version"),
	CONSTRAINT "commission_rule_versions_scope_check" CHECK (("tenant_template"."commission_rule_versions"."scope" = 'marketplace' and "tenant_template"."commission_rule_versions"."vendor_id" is null and "tenant_template"."commission_rule_versions"."category_id" is null and "tenant_template"."commission_rule_versions"."product_id" is null)
          or ("tenant_template"."commission_rule_versions"."scope" = 'vendor' and "tenant_template"."commission_rule_versions"."vendor_id" is not null and "tenant_template"."commission_rule_versions"."category_id" is null and "tenant_template"."commission_rule_versions"."product_id" is null)
          or ("tenant_template"."commission_rule_versions"."scope" = 'category' and "tenant_template"."commission_rule_versions"."vendor_id" is null and "tenant_template"."commission_rule_versions"."category_id" is not null and "tenant_template"."commission_rule_versions"."product_id" is null)
          or ("tenant_template"."commission_rule_versions"."scope" = 'product' and "tenant_template"."commission_rule_versions"."vendor_id" is null and "tenant_template"."commission_rule_versions"."category_id" is null and "tenant_template"."commission_rule_versions"."product_id" is not null)
          or ("tenant_template"."commission_rule_versions"."scope" = 'vendor_category' and "tenant_template"."commission_rule_versions"."vendor_id" is not null and "tenant_template"."commission_rule_versions"."category_id" is not null and "tenant_template"."commission_rule_versions"."product_id" is null)),
	CONSTRAINT "commission_rule_versions_kind_check" CHECK (("tenant_template"."commission_rule_versions"."kind" = 'percent') = ("tenant_template"."commission_rule_versions"."rate_bps" is not null) and ("tenant_template"."commission_rule_versions"."rate_bps" is null or "tenant_template"."commission_rule_versions"."rate_bps" between 0 and 10000)),
	CONSTRAINT "commission_rule_versions_validity_check" CHECK ("tenant_template"."commission_rule_versions"."valid_from" is null or "tenant_template"."commission_rule_versions"."valid_to" is null or "tenant_template"."commission_rule_versions"."valid_from" < "tenant_template"."commission_rule_versions"."valid_to")
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."commission_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"current_version" integer NOT NULL,
	"enabled" boolean NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenant_template"."order_lines" ADD COLUMN "commission_rule_id" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."order_lines" ADD COLUMN "commission_rule_version" integer;--> statement-breakpoint
ALTER TABLE "tenant_template"."order_lines" ADD COLUMN "commission_base_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."order_lines" ADD COLUMN "commission_rate_bps" integer;--> statement-breakpoint
ALTER TABLE "tenant_template"."order_lines" ADD COLUMN "commission_flat_minor" bigint;--> statement-breakpoint
ALTER TABLE "tenant_template"."order_lines" ADD COLUMN "commission_cap" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."commission_rule_versions" ADD CONSTRAINT "commission_rule_versions_rule_id_commission_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "tenant_template"."commission_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."commission_rule_versions" ADD CONSTRAINT "commission_rule_versions_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "tenant_template"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."commission_rule_versions" ADD CONSTRAINT "commission_rule_versions_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "tenant_template"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."commission_rule_versions" ADD CONSTRAINT "commission_rule_versions_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "tenant_template"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "commission_rules_default_idx" ON "tenant_template"."commission_rules" USING btree ("is_default") WHERE "tenant_template"."commission_rules"."is_default";--> statement-breakpoint
CREATE INDEX "commission_rules_updated_at_idx" ON "tenant_template"."commission_rules" USING btree ("updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "tenant_template"."order_lines" ADD CONSTRAINT "order_lines_commission_rule_version_fk" FOREIGN KEY ("commission_rule_id","commission_rule_version") REFERENCES "tenant_template"."commission_rule_versions"("rule_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_placed_at_idx" ON "tenant_template"."orders" USING btree ("placed_at");--> statement-breakpoint
ALTER TABLE "tenant_template"."order_lines" ADD CONSTRAINT "order_lines_commission_check" CHECK ("tenant_template"."order_lines"."commission_minor" >= 0 and "tenant_template"."order_lines"."commission_minor" <= "tenant_template"."order_lines"."commission_base_minor" or "tenant_template"."order_lines"."commission_rule_id" is null);--> statement-breakpoint
-- Every marketplace has a default rule (0% until the operator sets one): the winner when
-- nothing more specific applies. It can be edited, never disabled or deleted.
INSERT INTO "tenant_template"."commission_rules" ("id", "current_version", "enabled", "is_default")
VALUES ('cmr_default', 1, true, true);--> statement-breakpoint
INSERT INTO "tenant_template"."commission_rule_versions" ("rule_id", "version", "scope", "kind", "rate_bps", "priority", "enabled", "note")
VALUES ('cmr_default', 1, 'marketplace', 'percent', 0, 0, true, 'Marketplace default');
