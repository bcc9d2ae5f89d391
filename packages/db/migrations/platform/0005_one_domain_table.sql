ALTER TABLE "platform"."domains" ADD COLUMN "status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "platform"."domains" ADD COLUMN "verification_token" text;--> statement-breakpoint
ALTER TABLE "platform"."domains" ADD COLUMN "last_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "platform"."domains" ADD COLUMN "last_result" jsonb;--> statement-breakpoint
ALTER TABLE "platform"."domains" ADD COLUMN "failing_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "platform"."domains" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Hand-written (ADR 0041): one table for every host of a marketplace. Every row already in
-- platform.domains was written by provisioning (or by hand) and resolved unconditionally, so it
-- becomes a platform host: always served (verified), no token, never the primary custom domain.
UPDATE "platform"."domains" SET "kind" = 'platform', "status" = 'verified', "is_primary" = false, "updated_at" = "created_at";
--> statement-breakpoint
-- A name or an id in both tables cannot be kept under one unique index without dropping a row:
-- stop and say which (the application never allowed it: a custom domain may not be under the
-- base domain). Resolve by hand, then migrate again.
DO $$
DECLARE clash text;
BEGIN
  SELECT string_agg(c.domain || ' (' || c.id || ')', ', ' ORDER BY c.domain) INTO clash
    FROM "platform"."tenant_domains" c
    JOIN "platform"."domains" d ON d."hostname" = c."domain" OR d."id" = c."id";
  IF clash IS NOT NULL THEN
    RAISE EXCEPTION 'custom domains also in platform.domains (same name or id): %', clash
      USING HINT = 'Remove one of each pair, then run the migration again.';
  END IF;
END
$$;
--> statement-breakpoint
-- Custom domains move with their ids (audit rows, outbox events and API clients name them),
-- status, token, primary flag, last check and timestamps.
INSERT INTO "platform"."domains" ("id", "hostname", "tenant_id", "kind", "status", "verification_token", "is_primary", "last_checked_at", "last_result", "failing_since", "created_at", "updated_at")
SELECT "id", "domain", "tenant_id", 'custom', "status", "verification_token", "is_primary", "last_checked_at", "last_result", "failing_since", "created_at", "updated_at"
  FROM "platform"."tenant_domains";
