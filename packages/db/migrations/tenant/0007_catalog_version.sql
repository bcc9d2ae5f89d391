CREATE TABLE "tenant_template"."catalog_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "catalog_version_single_row" CHECK ("tenant_template"."catalog_version"."id" = 1)
);
--> statement-breakpoint
-- ADR 0020: the search cache's catalog version. One row, raised by one per committed transaction
-- that changes anything a search shows.
INSERT INTO "tenant_template"."catalog_version" ("id", "version") VALUES (1, 0) ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Runs at commit (deferred), so the version row is the last lock a writer takes and is held only
-- while it commits: no deadlock with the rows the transaction changed, in whatever order. The
-- first event of a transaction raises the version; the flag makes the others return at once.
CREATE FUNCTION "tenant_template"."bump_catalog_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF current_setting('agora.catalog_version_bumped', true) IS DISTINCT FROM TG_TABLE_SCHEMA THEN
		UPDATE "tenant_template"."catalog_version" SET "version" = "version" + 1 WHERE "id" = 1;
		PERFORM set_config('agora.catalog_version_bumped', TG_TABLE_SCHEMA, true);
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "products_catalog_version" AFTER INSERT OR UPDATE OR DELETE ON "tenant_template"."products"
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "tenant_template"."bump_catalog_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "price_tiers_catalog_version" AFTER INSERT OR UPDATE OR DELETE ON "tenant_template"."price_tiers"
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "tenant_template"."bump_catalog_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "product_images_catalog_version" AFTER INSERT OR UPDATE OR DELETE ON "tenant_template"."product_images"
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "tenant_template"."bump_catalog_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "vendors_catalog_version" AFTER INSERT OR UPDATE OR DELETE ON "tenant_template"."vendors"
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "tenant_template"."bump_catalog_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "categories_catalog_version" AFTER INSERT OR UPDATE OR DELETE ON "tenant_template"."categories"
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "tenant_template"."bump_catalog_version"();
