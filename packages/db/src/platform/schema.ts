import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** The control plane: tenants and everything about them, never tenant business data. */
export const platform = pgSchema('platform');

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const tenants = platform.table(
  'tenants',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ['provisioning', 'active', 'suspended', 'failed'] }).notNull(),
    schemaName: text('schema_name').notNull(),
    plan: text('plan').notNull().default('trial'),
    ownerEmail: text('owner_email').notNull(),
    failureReason: text('failure_reason'),
    provisionAttempt: integer('provision_attempt').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('tenants_slug_idx').on(t.slug),
    uniqueIndex('tenants_schema_name_idx').on(t.schemaName),
    index('tenants_created_at_id_idx').on(t.createdAt, t.id),
    check('tenants_status_check', sql`${t.status} in ('provisioning', 'active', 'suspended', 'failed')`),
  ],
);

/**
 * Every host a marketplace answers on, one table (ADR 0041): its platform-assigned `<slug>` host
 * (`kind = 'platform'`, written by provisioning: always served, no token, never primary) and the
 * operators' own domains (`kind = 'custom'`, ADR 0039: resolve only while `verified` or
 * `failing`). `hostname` is normalised (lower case, no trailing dot, IDN as punycode) and unique
 * across every tenant and both kinds: a name belongs to one marketplace only.
 */
export const domains = platform.table(
  'domains',
  {
    id: text('id').primaryKey(),
    hostname: text('hostname').notNull(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['platform', 'custom'] }).notNull(),
    status: text('status', { enum: ['pending', 'verified', 'failing', 'disabled'] })
      .notNull()
      .default('pending'),
    /** Custom domains: the value the TXT record `_agora.<hostname>` must hold. Platform hosts: null. */
    verificationToken: text('verification_token'),
    /** The primary custom domain (at most one per tenant; platform hosts never). */
    isPrimary: boolean('is_primary').notNull().default(false),
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
    /** The last check: what was seen (TXT, CNAME, A) and what failed (contracts DomainCheck). */
    lastResult: jsonb('last_result').$type<Record<string, unknown>>(),
    failingSince: timestamp('failing_since', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('domains_hostname_idx').on(t.hostname),
    index('domains_tenant_id_idx').on(t.tenantId),
    uniqueIndex('domains_primary_idx').on(t.tenantId).where(sql`${t.isPrimary}`),
    check('domains_kind_check', sql`${t.kind} in ('platform', 'custom')`),
    check('domains_status_check', sql`${t.status} in ('pending', 'verified', 'failing', 'disabled')`),
    // The normal form normalizeHost and normalizeDomain produce: lower case, ASCII (punycode), no
    // trailing dot, no port. Anything else could never be looked up.
    check('domains_hostname_check', sql`${t.hostname} ~ '^[a-z0-9-]+(\\.[a-z0-9-]+)*$'`),
    check(
      'domains_platform_host_check',
      sql`${t.kind} = 'custom' or (${t.status} = 'verified' and ${t.verificationToken} is null and not ${t.isPrimary})`,
    ),
    check('domains_custom_token_check', sql`${t.kind} = 'platform' or ${t.verificationToken} is not null`),
  ],
);

export const staffUsers = platform.table(
  'staff_users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** In every token; raising it ends every session of this account at once (ADR 0024). */
    sessionVersion: integer('session_version').notNull().default(0),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('staff_users_email_idx').on(t.email)],
);

/** One row per attempt of the provisioning job (history). */
export const provisioningRuns = platform.table(
  'provisioning_runs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('provisioning_runs_tenant_id_idx').on(t.tenantId)],
);

/** The state of each provisioning step of a tenant; a step marked done is never run again. */
export const provisioningSteps = platform.table(
  'provisioning_steps',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    step: text('step').notNull(),
    position: integer('position').notNull(),
    status: text('status', { enum: ['pending', 'done', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.step] })],
);

/** Ledger of applied migrations, for the platform schema and every tenant schema. */
export const schemaMigrations = platform.table(
  'schema_migrations',
  {
    schemaName: text('schema_name').notNull(),
    migration: text('migration').notNull(),
    checksum: text('checksum').notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schemaName, t.migration] })],
);

export const auditLog = platform.table(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorType: text('actor_type', { enum: ['staff', 'system'] }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    tenantId: text('tenant_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_tenant_id_created_at_idx').on(t.tenantId, t.createdAt)],
);

/**
 * Every email the platform sends. Without SMTP_URL this is the mailbox itself (status `stored`,
 * read on the dev mailbox page); with SMTP it records what was sent or why it failed.
 * `dedupe_key` (for example `outbox:<tenant>:<event>`) makes a retried job send once.
 */
export const emails = platform.table(
  'emails',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id'),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['stored', 'sent', 'failed'] }).notNull(),
    error: text('error'),
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('emails_dedupe_key_idx').on(t.dedupeKey),
    index('emails_to_created_at_idx').on(t.to, t.createdAt),
    check('emails_status_check', sql`${t.status} in ('stored', 'sent', 'failed')`),
  ],
);

export type TenantRow = typeof tenants.$inferSelect;
export type DomainRow = typeof domains.$inferSelect;
/** A custom domain's row: kind 'custom', so it has a verification token. */
export type CustomDomainRow = DomainRow & { kind: 'custom'; verificationToken: string };
export type EmailRow = typeof emails.$inferSelect;
