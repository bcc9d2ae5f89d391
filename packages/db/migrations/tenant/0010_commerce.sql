CREATE TABLE "tenant_template"."cart_lines" (
	"user_id" text NOT NULL,
	"product_id" text NOT NULL,
	"qty" integer NOT NULL,
	"unit_price_seen_minor" bigint NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cart_lines_user_id_product_id_pk" PRIMARY KEY("user_id","product_id"),
	CONSTRAINT "cart_lines_qty_check" CHECK ("tenant_template"."cart_lines"."qty" >= 1)
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."companies" (
	"id" text PRIMARY KEY NOT NULL,
	"legal_name" text NOT NULL,
	"country" text NOT NULL,
	"tax_id" text NOT NULL,
	"billing_address" jsonb NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"payment_terms" text DEFAULT 'prepay' NOT NULL,
	"net_days" integer DEFAULT 0 NOT NULL,
	"credit_limit_minor" bigint,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "companies_terms_check" CHECK ("tenant_template"."companies"."net_days" >= 0 and coalesce("tenant_template"."companies"."credit_limit_minor", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."company_addresses" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"label" text NOT NULL,
	"address" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."order_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"buyer_user_id" text NOT NULL,
	"company_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"request" jsonb NOT NULL,
	"total_minor" bigint NOT NULL,
	"decided_by_user_id" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."order_lines" (
	"order_id" text NOT NULL,
	"line_no" integer NOT NULL,
	"product_id" text NOT NULL,
	"sku" text NOT NULL,
	"title" text NOT NULL,
	"unit" text NOT NULL,
	"qty" integer NOT NULL,
	"unit_price_minor" bigint NOT NULL,
	"tier_min_qty" integer NOT NULL,
	"net_minor" bigint NOT NULL,
	"tax_bps" integer NOT NULL,
	"tax_minor" bigint NOT NULL,
	CONSTRAINT "order_lines_order_id_line_no_pk" PRIMARY KEY("order_id","line_no"),
	CONSTRAINT "order_lines_amounts_check" CHECK ("tenant_template"."order_lines"."qty" >= 1 and "tenant_template"."order_lines"."net_minor" = "tenant_template"."order_lines"."qty" * "tenant_template"."order_lines"."unit_price_minor")
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."orders" (
	"id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"vendor_id" text NOT NULL,
	"company_id" text NOT NULL,
	"buyer_user_id" text NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"currency" text NOT NULL,
	"subtotal_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	"shipping_minor" bigint NOT NULL,
	"total_minor" bigint NOT NULL,
	"payment_terms" text NOT NULL,
	"net_days" integer NOT NULL,
	"paid_at" timestamp with time zone,
	"shipping_address" jsonb NOT NULL,
	"po_number" text,
	"note" text DEFAULT '' NOT NULL,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_amounts_check" CHECK ("tenant_template"."orders"."subtotal_minor" >= 0 and "tenant_template"."orders"."tax_minor" >= 0 and "tenant_template"."orders"."shipping_minor" >= 0 and "tenant_template"."orders"."total_minor" = "tenant_template"."orders"."subtotal_minor" + "tenant_template"."orders"."tax_minor" + "tenant_template"."orders"."shipping_minor")
);
--> statement-breakpoint
ALTER TABLE "tenant_template"."products" ADD COLUMN "track_stock" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."users" ADD COLUMN "company_id" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."users" ADD COLUMN "spending_limit_minor" bigint;--> statement-breakpoint
ALTER TABLE "tenant_template"."users" ADD COLUMN "spending_period" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."vendors" ADD COLUMN "shipping_rates" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."cart_lines" ADD CONSTRAINT "cart_lines_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "tenant_template"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."cart_lines" ADD CONSTRAINT "cart_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "tenant_template"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."company_addresses" ADD CONSTRAINT "company_addresses_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "tenant_template"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."order_groups" ADD CONSTRAINT "order_groups_buyer_user_id_users_id_fk" FOREIGN KEY ("buyer_user_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."order_groups" ADD CONSTRAINT "order_groups_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "tenant_template"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "tenant_template"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."order_lines" ADD CONSTRAINT "order_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "tenant_template"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."orders" ADD CONSTRAINT "orders_group_id_order_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "tenant_template"."order_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."orders" ADD CONSTRAINT "orders_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "tenant_template"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."orders" ADD CONSTRAINT "orders_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "tenant_template"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."orders" ADD CONSTRAINT "orders_buyer_user_id_users_id_fk" FOREIGN KEY ("buyer_user_id") REFERENCES "tenant_template"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "companies_status_created_at_idx" ON "tenant_template"."companies" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "company_addresses_company_id_idx" ON "tenant_template"."company_addresses" USING btree ("company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "order_groups_buyer_user_id_idempotency_key_idx" ON "tenant_template"."order_groups" USING btree ("buyer_user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "order_groups_company_id_status_idx" ON "tenant_template"."order_groups" USING btree ("company_id","status");--> statement-breakpoint
CREATE INDEX "orders_group_id_idx" ON "tenant_template"."orders" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "orders_buyer_user_id_placed_at_idx" ON "tenant_template"."orders" USING btree ("buyer_user_id","placed_at");--> statement-breakpoint
CREATE INDEX "orders_vendor_id_placed_at_idx" ON "tenant_template"."orders" USING btree ("vendor_id","placed_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_company_id_placed_at_idx" ON "tenant_template"."orders" USING btree ("company_id","placed_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "tenant_template"."users" ADD CONSTRAINT "users_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "tenant_template"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_company_id_idx" ON "tenant_template"."users" USING btree ("company_id");--> statement-breakpoint
ALTER TABLE "tenant_template"."users" ADD CONSTRAINT "users_spending_limit_check" CHECK (("tenant_template"."users"."spending_limit_minor" is null) = ("tenant_template"."users"."spending_period" is null) and coalesce("tenant_template"."users"."spending_limit_minor", 0) >= 0);