ALTER TABLE "tenant_template"."products" ADD COLUMN "price_moq_minor" bigint;--> statement-breakpoint
-- Existing products: the tier in effect at the MOQ, else the list price (then kept by the search reindex).
UPDATE "tenant_template"."products" AS p SET "price_moq_minor" = coalesce((
	SELECT pt."unit_price_minor" FROM "tenant_template"."price_tiers" AS pt
	WHERE pt."product_id" = p."id" AND pt."min_qty" <= p."min_order_qty"
	ORDER BY pt."min_qty" DESC LIMIT 1
), p."base_price_minor");--> statement-breakpoint
CREATE INDEX "products_published_price_idx" ON "tenant_template"."products" USING btree ("price_moq_minor","id") WHERE "tenant_template"."products"."status" = 'published';
