CREATE SCHEMA "platform";
--> statement-breakpoint
CREATE TABLE "platform"."audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"tenant_id" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform"."domains" (
	"id" text PRIMARY KEY NOT NULL,
	"hostname" text NOT NULL,
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform"."provisioning_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "platform"."provisioning_steps" (
	"tenant_id" text NOT NULL,
	"step" text NOT NULL,
	"position" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "provisioning_steps_tenant_id_step_pk" PRIMARY KEY("tenant_id","step")
);
--> statement-breakpoint
CREATE TABLE "platform"."schema_migrations" (
	"schema_name" text NOT NULL,
	"migration" text NOT NULL,
	"checksum" text NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schema_migrations_schema_name_migration_pk" PRIMARY KEY("schema_name","migration")
);
--> statement-breakpoint
CREATE TABLE "platform"."staff_users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform"."tenants" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"schema_name" text NOT NULL,
	"plan" text DEFAULT 'trial' NOT NULL,
	"owner_email" text NOT NULL,
	"failure_reason" text,
	"provision_attempt" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_status_check" CHECK ("platform"."tenants"."status" in ('provisioning', 'active', 'suspended', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "platform"."domains" ADD CONSTRAINT "domains_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform"."provisioning_runs" ADD CONSTRAINT "provisioning_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform"."provisioning_steps" ADD CONSTRAINT "provisioning_steps_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_tenant_id_created_at_idx" ON "platform"."audit_log" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "domains_hostname_idx" ON "platform"."domains" USING btree ("hostname");--> statement-breakpoint
CREATE INDEX "domains_tenant_id_idx" ON "platform"."domains" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "provisioning_runs_tenant_id_idx" ON "platform"."provisioning_runs" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_users_email_idx" ON "platform"."staff_users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_slug_idx" ON "platform"."tenants" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_schema_name_idx" ON "platform"."tenants" USING btree ("schema_name");--> statement-breakpoint
CREATE INDEX "tenants_created_at_id_idx" ON "platform"."tenants" USING btree ("created_at","id");