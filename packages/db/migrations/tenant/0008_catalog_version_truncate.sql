-- ADR 0020: TRUNCATE fires no row triggers, so it raised no catalog version. A statement trigger
-- per table (it takes the version row at once, which is harmless next to the exclusive lock
-- TRUNCATE already holds; the transaction-local flag keeps it to one raise per transaction).
CREATE TRIGGER "products_catalog_version_truncate" AFTER TRUNCATE ON "tenant_template"."products"
	FOR EACH STATEMENT EXECUTE FUNCTION "tenant_template"."bump_catalog_version"();--> statement-breakpoint
CREATE TRIGGER "price_tiers_catalog_version_truncate" AFTER TRUNCATE ON "tenant_template"."price_tiers"
	FOR EACH STATEMENT EXECUTE FUNCTION "tenant_template"."bump_catalog_version"();--> statement-breakpoint
CREATE TRIGGER "product_images_catalog_version_truncate" AFTER TRUNCATE ON "tenant_template"."product_images"
	FOR EACH STATEMENT EXECUTE FUNCTION "tenant_template"."bump_catalog_version"();--> statement-breakpoint
CREATE TRIGGER "vendors_catalog_version_truncate" AFTER TRUNCATE ON "tenant_template"."vendors"
	FOR EACH STATEMENT EXECUTE FUNCTION "tenant_template"."bump_catalog_version"();--> statement-breakpoint
CREATE TRIGGER "categories_catalog_version_truncate" AFTER TRUNCATE ON "tenant_template"."categories"
	FOR EACH STATEMENT EXECUTE FUNCTION "tenant_template"."bump_catalog_version"();
