CREATE TABLE "tenant_template"."invoice_counters" (
	"vendor_id" text NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "invoice_counters_vendor_id_year_pk" PRIMARY KEY("vendor_id","year")
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."invoices" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"vendor_id" text NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."shipment_lines" (
	"shipment_id" text NOT NULL,
	"order_id" text NOT NULL,
	"line_no" integer NOT NULL,
	"qty" integer NOT NULL,
	CONSTRAINT "shipment_lines_shipment_id_line_no_pk" PRIMARY KEY("shipment_id","line_no"),
	CONSTRAINT "shipment_lines_qty_check" CHECK ("tenant_template"."shipment_lines"."qty" >= 1)
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."shipments" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"carrier" text NOT NULL,
	"tracking_number" text NOT NULL,
	"shipped_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."tracking_events" (
	"id" text PRIMARY KEY NOT NULL,
	"shipment_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"external_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenant_template"."order_lines" ADD COLUMN "stock_taken" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_template"."settings" ADD COLUMN "tracking_webhook_secret" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."vendors" ADD COLUMN "invoice_prefix" text;--> statement-breakpoint
ALTER TABLE "tenant_template"."invoice_counters" ADD CONSTRAINT "invoice_counters_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "tenant_template"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."invoices" ADD CONSTRAINT "invoices_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "tenant_template"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."invoices" ADD CONSTRAINT "invoices_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "tenant_template"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."shipment_lines" ADD CONSTRAINT "shipment_lines_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "tenant_template"."shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."shipment_lines" ADD CONSTRAINT "shipment_lines_order_id_line_no_order_lines_order_id_line_no_fk" FOREIGN KEY ("order_id","line_no") REFERENCES "tenant_template"."order_lines"("order_id","line_no") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."shipments" ADD CONSTRAINT "shipments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "tenant_template"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_template"."tracking_events" ADD CONSTRAINT "tracking_events_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "tenant_template"."shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_order_id_idx" ON "tenant_template"."invoices" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_vendor_id_year_seq_idx" ON "tenant_template"."invoices" USING btree ("vendor_id","year","seq");--> statement-breakpoint
CREATE INDEX "shipment_lines_order_id_line_no_idx" ON "tenant_template"."shipment_lines" USING btree ("order_id","line_no");--> statement-breakpoint
CREATE INDEX "shipments_order_id_idx" ON "tenant_template"."shipments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "shipments_tracking_number_idx" ON "tenant_template"."shipments" USING btree ("tracking_number");--> statement-breakpoint
CREATE INDEX "tracking_events_shipment_id_occurred_at_idx" ON "tenant_template"."tracking_events" USING btree ("shipment_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_events_external_id_idx" ON "tenant_template"."tracking_events" USING btree ("external_id");--> statement-breakpoint
-- Lines placed before this migration: placement took stock of the products tracking it then.
UPDATE "tenant_template"."order_lines" AS l SET "stock_taken" = true FROM "tenant_template"."products" AS p
	WHERE p."id" = l."product_id" AND p."track_stock";--> statement-breakpoint
-- ADR 0036: a line never ships more than was ordered. Code checks it under the order's row
-- lock; this is the database's own refusal should any writer forget.
CREATE FUNCTION "tenant_template"."check_shipped_qty"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF (SELECT coalesce(sum(s."qty"), 0) FROM "tenant_template"."shipment_lines" s
			WHERE s."order_id" = NEW."order_id" AND s."line_no" = NEW."line_no")
		> (SELECT l."qty" FROM "tenant_template"."order_lines" l
			WHERE l."order_id" = NEW."order_id" AND l."line_no" = NEW."line_no") THEN
		RAISE EXCEPTION 'line % of order % would ship more than was ordered', NEW."line_no", NEW."order_id"
			USING ERRCODE = 'check_violation';
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "shipment_lines_qty_within_order" AFTER INSERT OR UPDATE ON "tenant_template"."shipment_lines"
	FOR EACH ROW EXECUTE FUNCTION "tenant_template"."check_shipped_qty"();
