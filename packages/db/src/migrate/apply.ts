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
 *
 * On Citus (`database.distributed`) every migration statement is a query of its own (ADR 0022):
 * Citus refuses DDL that shares a query string with other statements, and a failure then names
 * the statement. On one node the pending statements, the ledger rows and COMMIT travel as one
 * batch, since each extra round trip is time provisioning waits for.
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
    const statementsOf = (m: Migration) => (options.retarget ? sqlForSchema(m, schemaName) : m.statements);
    const before = options.asOwner ? [`SET LOCAL ROLE ${ident(database.ownerRole)}`] : [];
    const values = pending.map((m) => `(${literal(schemaName)}, ${literal(m.name)}, ${literal(m.checksum)})`);
    const after = [
      ...(options.asOwner ? ['RESET ROLE'] : []),
      `INSERT INTO platform.schema_migrations (schema_name, migration, checksum) VALUES ${values.join(', ')}`,
      'COMMIT',
    ];
    if (!database.distributed) {
      // One round trip for the whole batch: the simple query protocol runs it inside our BEGIN.
      // The separator stands on a line of its own, so a statement ending in a comment cannot eat it.
      await client.query([...before, ...pending.flatMap(statementsOf), ...after].join('\n;\n'));
      return pending.map((m) => m.name);
    }
    for (const statement of before) await client.query(statement);
    for (const m of pending) {
      const statements = statementsOf(m);
      for (const [i, statement] of statements.entries()) {
        try {
          await client.query(statement);
        } catch (e) {
          throw new MigrationError(
            `${m.name}, statement ${i + 1} of ${statements.length}: ${(e as Error).message}`,
            { cause: e },
          );
        }
      }
    }
    // Not DDL: the role reset, the ledger rows and COMMIT share one round trip.
    await client.query(after.join(';\n'));
    return pending.map((m) => m.name);
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}
