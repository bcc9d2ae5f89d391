import type pg from 'pg';
import type { Database } from '../client.js';
import { inTransaction, withClient } from '../client.js';
import { alignRoleLogin, ensureSettableRole } from '../roles.js';
import { ident } from '../sql.js';
import { migrateSchema } from './apply.js';
import { loadMigrations, type Migration } from './load.js';

/**
 * Create or update the platform schema and the owner role of tenant schemas. Idempotent;
 * every process that needs the database may call it at start. `migrations`: all of them, or
 * the first few (a test that brings a database to an earlier migration).
 */
export async function migratePlatform(
  database: Database,
  migrations: Migration[] = loadMigrations('platform'),
): Promise<string[]> {
  return withClient(database, async (client) => {
    await client.query('BEGIN');
    try {
      // Serialize concurrent first starts (API and worker booting together).
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('agora.migrate'), 0)`);
      await client.query(`CREATE SCHEMA IF NOT EXISTS platform`);
      await client.query(`CREATE TABLE IF NOT EXISTS platform.schema_migrations (
        schema_name text NOT NULL,
        migration text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (schema_name, migration))`);
      await ensureSettableRole(database, client, database.ownerRole);
      await grantCreateOnDatabase(client, database.ownerRole);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    }
    // The bootstrap above created schema_migrations by hand; skip drizzle's CREATE for it.
    const bootstrapped = migrations.map((m) => ({
      ...m,
      statements: m.statements.map((s) =>
        s.replace(
          /CREATE TABLE "platform"\."schema_migrations"/,
          'CREATE TABLE IF NOT EXISTS "platform"."schema_migrations"',
        ),
      ),
    }));
    const applied = await migrateSchema(database, client, 'platform', bootstrapped, {
      asOwner: false,
      retarget: false,
    });
    // After the migrations (the tenant list lives in platform.tenants), under the same lock as
    // the bootstrap: two processes starting together must not alter the same role at once.
    await inTransaction(client, async () => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('agora.migrate'), 0)`);
      await alignRoleLogin(database, client);
    });
    return applied;
  });
}

/**
 * The owner role creates tenant schemas itself (one role per transaction, ADR 0022), so it needs
 * CREATE on the database. The login role grants it when it owns the database (as `npm start`, the
 * tests and ensureAppDatabase set it up); otherwise the database owner must, and we say so.
 */
async function grantCreateOnDatabase(client: pg.ClientBase, ownerRole: string): Promise<void> {
  const check = async () =>
    (
      await client.query<{ db: string; can: boolean }>(
        `select current_database() as db, has_database_privilege($1, current_database(), 'CREATE') as can`,
        [ownerRole],
      )
    ).rows[0];
  const before = await check();
  if (!before || before.can) return;
  // Without the grant option this is only a warning; the check below turns it into an error.
  await client.query(`GRANT CREATE ON DATABASE ${ident(before.db)} TO ${ident(ownerRole)}`);
  if (!(await check())?.can) {
    throw new Error(
      `the owner role ${ownerRole} needs CREATE on database ${before.db} to create tenant schemas: ` +
        `run GRANT CREATE ON DATABASE ${ident(before.db)} TO ${ident(ownerRole)} as the database owner`,
    );
  }
}
