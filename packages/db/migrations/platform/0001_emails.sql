CREATE TABLE "platform"."emails" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "emails_status_check" CHECK ("platform"."emails"."status" in ('stored', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "emails_dedupe_key_idx" ON "platform"."emails" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "emails_to_created_at_idx" ON "platform"."emails" USING btree ("to","created_at");