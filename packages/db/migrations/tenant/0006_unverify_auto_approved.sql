-- ADR 0019: "verified" means an operator reviewed the documents. Vendors approved automatically
-- (audit row vendor.approved with data.auto) and never verified by an operator since lose the flag.
UPDATE "tenant_template"."vendors" AS v SET "verified" = false
WHERE v."verified"
	AND EXISTS (
		SELECT 1 FROM "tenant_template"."audit_log" a
		WHERE a."subject_type" = 'vendor' AND a."subject_id" = v."id"
			AND a."action" = 'vendor.approved' AND a."data"->>'auto' = 'true'
	)
	AND NOT EXISTS (
		SELECT 1 FROM "tenant_template"."audit_log" a
		WHERE a."subject_type" = 'vendor' AND a."subject_id" = v."id" AND a."action" = 'vendor.verified'
	);
