CREATE TABLE "tenant_template"."audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_user_id" text,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."catalog_imports" (
	"id" text PRIMARY KEY NOT NULL,
	"vendor_id" text NOT NULL,
	"file_key" text NOT NULL,
	"status" text NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"created_count" integer DEFAULT 0 NOT NULL,
	"updated_count" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."categories" (
	"id" text PRIMARY KEY NOT NULL,
	"parent_id" text,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"path" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."price_tiers" (
	"product_id" text NOT NULL,
	"min_qty" integer NOT NULL,
	"unit_price_minor" bigint NOT NULL,
	CONSTRAINT "price_tiers_product_id_min_qty_pk" PRIMARY KEY("product_id","min_qty")
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."product_images" (
	"product_id" text NOT NULL,
	"position" integer NOT NULL,
	"file_key" text NOT NULL,
	CONSTRAINT "product_images_product_id_position_pk" PRIMARY KEY("product_id","position")
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."products" (
	"id" text PRIMARY KEY NOT NULL,
	"vendor_id" text NOT NULL,
	"sku" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category_id" text,
	"unit" text NOT NULL,
	"min_order_qty" integer DEFAULT 1 NOT NULL,
	"order_increment" integer DEFAULT 1 NOT NULL,
	"lead_time_days" integer DEFAULT 0 NOT NULL,
	"stock_qty" integer DEFAULT 0 NOT NULL,
	"attributes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"currency" text NOT NULL,
	"base_price_minor" bigint NOT NULL,
	"status" text NOT NULL,
	"published_at" timestamp with time zone,
	"search_document" "tsvector",
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_quantities_check" CHECK ("tenant_template"."products"."min_order_qty" >= 1 and "tenant_template"."products"."order_increment" >= 1 and "tenant_template"."products"."stock_qty" >= 0),
	CONSTRAINT "products_price_check" CHECK ("tenant_template"."products"."base_price_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."vendor_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"vendor_id" text NOT NULL,
	"file_key" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."vendors" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"legal_name" text NOT NULL,
	"country" text NOT NULL,
	"tax_id" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"website" text,
	"description" text DEFAULT '' NOT NULL,
	"industries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"verified" boolean DEFAULT false NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenant_template"."settings" ADD COLUMN "marketplace" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."users" ADD COLUMN "vendor_id" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."users" ADD COLUMN "email_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenant_template"."catalog_imports" ADD CONSTRAINT "catalog_imports_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "tenant_template"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."price_tiers" ADD CONSTRAINT "price_tiers_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "tenant_template"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."product_images" ADD CONSTRAINT "product_images_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "tenant_template"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."products" ADD CONSTRAINT "products_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "tenant_template"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."products" ADD CONSTRAINT "products_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "tenant_template"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."vendor_documents" ADD CONSTRAINT "vendor_documents_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "tenant_template"."vendors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "tenant_template"."audit_log" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "catalog_imports_vendor_id_idx" ON "tenant_template"."catalog_imports" USING btree ("vendor_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "categories_slug_idx" ON "tenant_template"."categories" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "categories_path_idx" ON "tenant_template"."categories" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "products_vendor_id_sku_idx" ON "tenant_template"."products" USING btree ("vendor_id","sku");--> statement-breakpoint
CREATE INDEX "products_status_category_id_idx" ON "tenant_template"."products" USING btree ("status","category_id");--> statement-breakpoint
CREATE INDEX "products_search_document_idx" ON "tenant_template"."products" USING gin ("search_document");--> statement-breakpoint
CREATE INDEX "products_search_text_idx" ON "tenant_template"."products" USING gin ("search_text" public.gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "vendor_documents_vendor_id_idx" ON "tenant_template"."vendor_documents" USING btree ("vendor_id");--> statement-breakpoint
CREATE INDEX "vendors_status_created_at_idx" ON "tenant_template"."vendors" USING btree ("status","created_at");--> statement-breakpoint
ALTER TABLE "tenant_template"."users" ADD CONSTRAINT "users_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "tenant_template"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_vendor_id_idx" ON "tenant_template"."users" USING btree ("vendor_id");