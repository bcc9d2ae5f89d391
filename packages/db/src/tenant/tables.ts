import { sql } from 'drizzle-orm';
import {
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

  return { settings, users, outbox };
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
