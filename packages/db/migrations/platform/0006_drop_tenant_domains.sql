ALTER TABLE "platform"."tenant_domains" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "platform"."tenant_domains" CASCADE;--> statement-breakpoint
CREATE UNIQUE INDEX "domains_primary_idx" ON "platform"."domains" USING btree ("tenant_id") WHERE "platform"."domains"."is_primary";--> statement-breakpoint
ALTER TABLE "platform"."domains" ADD CONSTRAINT "domains_kind_check" CHECK ("platform"."domains"."kind" in ('platform', 'custom'));--> statement-breakpoint
ALTER TABLE "platform"."domains" ADD CONSTRAINT "domains_status_check" CHECK ("platform"."domains"."status" in ('pending', 'verified', 'failing', 'disabled'));--> statement-breakpoint
ALTER TABLE "platform"."domains" ADD CONSTRAINT "domains_hostname_check" CHECK ("platform"."domains"."hostname" ~ '^[a-z0-9-]+(\.[a-z0-9-]+)*$');--> statement-breakpoint
ALTER TABLE "platform"."domains" ADD CONSTRAINT "domains_platform_host_check" CHECK ("platform"."domains"."kind" = 'custom' or ("platform"."domains"."status" = 'verified' and "platform"."domains"."verification_token" is null and not "platform"."domains"."is_primary"));--> statement-breakpoint
ALTER TABLE "platform"."domains" ADD CONSTRAINT "domains_custom_token_check" CHECK ("platform"."domains"."kind" = 'platform' or "platform"."domains"."verification_token" is not null);