import type pg from 'pg';
import type { Database } from '../client.js';
import { ident, literal } from '../sql.js';
import { type Migration, sqlForSchema } from './load.js';

export type Applied = { checksum: string };
export type LedgerEntries = Map<string, string>; // migration name -> checksum

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Migrations not yet in the ledger; throws if an applied migration's file has changed since. */
export function pendingMigrations(all: Migration[], applied: LedgerEntries): Migration[] {
  for (const m of all) {
    const checksum = applied.get(m.name);
    if (checksum && checksum !== m.checksum) {
      throw new MigrationError(
        `migration ${m.name} changed after it was applied (checksum ${checksum} != ${m.checksum})`,
      );
    }
  }
  return all.filter((m) => !applied.has(m.name));
}

/**
 * Bring one schema to the latest migration in one transaction, under a transaction-scoped
 * advisory lock for that schema, recording each migration in platform.schema_migrations.
 * Safe to run concurrently with itself (the lock serializes, the ledger is re-read under it)
 * and after a kill (an interrupted transaction leaves nothing behind).
 *
 * Tenant DDL runs as the owner role so tables are owned by it, and the tenant role gets its
 * rights through the schema's default privileges (set at provisioning).
 */
export async function migrateSchema(
  database: Database,
  client: pg.ClientBase,
  schemaName: string,
  migrations: Migration[],
  options: { asOwner: boolean; retarget: boolean },
): Promise<string[]> {
  try {
    // One round trip: the ledger is read after the lock is taken, in the same transaction.
    const results = (await client.query(
      `BEGIN; SELECT pg_advisory_xact_lock(hashtext('agora.migrate'), hashtext(${literal(schemaName)}));
       SELECT migration, checksum FROM platform.schema_migrations WHERE schema_name = ${literal(schemaName)}`,
    )) as unknown as pg.QueryResult<{ migration: string; checksum: string }>[];
    const rows = results[2]?.rows ?? [];
    const pending = pendingMigrations(migrations, new Map(rows.map((r) => [r.migration, r.checksum])));
    if (pending.length === 0) {
      await client.query('COMMIT');
      return [];
    }
    const statements: string[] = [];
    if (options.asOwner) statements.push(`SET LOCAL ROLE ${ident(database.ownerRole)}`);
    for (const m of pending) statements.push(options.retarget ? sqlForSchema(m, schemaName) : m.sql);
    if (options.asOwner) statements.push('RESET ROLE');
    const values = pending.map((m) => `(${literal(schemaName)}, ${literal(m.name)}, ${literal(m.checksum)})`);
    statements.push(
      `INSERT INTO platform.schema_migrations (schema_name, migration, checksum) VALUES ${values.join(', ')}`,
    );
    statements.push('COMMIT');
    // One round trip for the whole batch: the simple query protocol runs it inside our BEGIN.
    await client.query(statements.join(';\n'));
    return pending.map((m) => m.name);
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}
