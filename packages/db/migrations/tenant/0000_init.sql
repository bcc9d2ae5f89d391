CREATE TABLE "tenant_template"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"public_name" text NOT NULL,
	"tagline" text DEFAULT '' NOT NULL,
	"theme" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "settings_single_row" CHECK ("tenant_template"."settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "tenant_template"."users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"password_hash" text,
	"role" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "tenant_template"."outbox" USING btree ("id") WHERE "tenant_template"."outbox"."published_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "tenant_template"."users" USING btree ("email");