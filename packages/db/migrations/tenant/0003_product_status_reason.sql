ALTER TABLE "tenant_template"."products" ADD COLUMN "status_reason" text;--> statement-breakpoint
-- Drafts whose last moderation step was a rejection keep showing its reason (it was read from the audit log).
UPDATE "tenant_template"."products" AS p SET "status_reason" = last."data"->>'reason'
FROM (
	SELECT DISTINCT ON ("subject_id") "subject_id", "action", "data"
	FROM "tenant_template"."audit_log"
	WHERE "subject_type" = 'product'
		AND "action" IN ('product.submitted', 'product.published', 'product.approved', 'product.rejected')
	ORDER BY "subject_id", "id" DESC
) AS last
WHERE last."subject_id" = p."id" AND last."action" = 'product.rejected' AND p."status" = 'draft';
