import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * The tenant schema template. Every tenant schema is created from these tables; the factory
 * qualifies each table with the tenant's schema name, so SQL is `"t_xxx"."users"` and safe on
 * a shared pool or behind PgBouncer. Memoized: one set of table objects per schema.
 *
 * Not exported from the package: tenant tables are only reachable through `withTenant`.
 */
function defineTenantTables(schemaName: string) {
  const s = pgSchema(schemaName);

  const settings = s.table(
    'settings',
    {
      id: integer('id').primaryKey().default(1),
      publicName: text('public_name').notNull(),
      tagline: text('tagline').notNull().default(''),
      theme: jsonb('theme').$type<Record<string, unknown>>().notNull(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [check('settings_single_row', sql`${t.id} = 1`)],
  );

  const users = s.table(
    'users',
    {
      id: text('id').primaryKey(),
      email: text('email').notNull(),
      name: text('name').notNull().default(''),
      passwordHash: text('password_hash'),
      role: text('role', {
        enum: ['owner', 'operator', 'vendor_admin', 'vendor_staff', 'buyer_admin', 'buyer_member'],
      }).notNull(),
      status: text('status', { enum: ['invited', 'active', 'disabled'] }).notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [uniqueIndex('users_email_idx').on(t.email)],
  );

  /** Events written in the same transaction as the change they describe, relayed later. */
  const outbox = s.table(
    'outbox',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      topic: text('topic').notNull(),
      payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      publishedAt: timestamp('published_at', { withTimezone: true }),
    },
    (t) => [index('outbox_unpublished_idx').on(t.id).where(sql`${t.publishedAt} is null`)],
  );

  /**
   * One-time links (invitation, password reset). Only the sha256 of the random token is kept.
   * `outbox_id` is the event that made the token: re-handling that event replaces the token
   * instead of adding a second live one.
   */
  const userTokens = s.table(
    'user_tokens',
    {
      id: text('id').primaryKey(),
      userId: text('user_id')
        .notNull()
        .references(() => users.id, { onDelete: 'cascade' }),
      purpose: text('purpose', { enum: ['invite', 'reset'] }).notNull(),
      tokenHash: text('token_hash').notNull(),
      outboxId: bigint('outbox_id', { mode: 'number' }),
      expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
      usedAt: timestamp('used_at', { withTimezone: true }),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      uniqueIndex('user_tokens_token_hash_idx').on(t.tokenHash),
      uniqueIndex('user_tokens_outbox_id_idx').on(t.outboxId),
      check('user_tokens_purpose_check', sql`${t.purpose} in ('invite', 'reset')`),
    ],
  );

  return { settings, users, outbox, userTokens };
}

export type TenantTables = ReturnType<typeof defineTenantTables>;

const cache = new Map<string, TenantTables>();

export function tenantTables(schemaName: string): TenantTables {
  let tables = cache.get(schemaName);
  if (!tables) {
    tables = defineTenantTables(schemaName);
    cache.set(schemaName, tables);
  }
  return tables;
}

/** Schema name the migrations are generated against; replaced by the tenant's at apply time. */
export const TEMPLATE_SCHEMA = 'tenant_template';
