import type { Database } from '../client.js';
import { withClient } from '../client.js';
import { migrateSchema, pendingMigrations } from './apply.js';
import { loadMigrations, type Migration } from './load.js';

export type SchemaOutcome =
  | { schema: string; status: 'migrated'; applied: string[] }
  | { schema: string; status: 'current' }
  | { schema: string; status: 'failed'; error: string };

export type MigrateProgress = { done: number; total: number; last: SchemaOutcome };

export type MigrateSummary = {
  total: number;
  migrated: number;
  current: number;
  failed: { schema: string; error: string }[];
  durationMs: number;
};

export type MigrateTenantsOptions = {
  concurrency?: number;
  onProgress?: (p: MigrateProgress) => void;
  /** Restrict to these schemas (default: every tenant schema that exists). */
  schemas?: string[];
  migrations?: Migration[];
};

/** Bring one tenant schema to the latest migration (used by provisioning). */
export function migrateTenantSchema(
  database: Database,
  schemaName: string,
  migrations = loadMigrations('tenant'),
) {
  return withClient(database, (client) =>
    migrateSchema(database, client, schemaName, migrations, { asOwner: true, retarget: true }),
  );
}

/**
 * Bring every tenant schema to the latest migration. Up-to-date schemas are found with one
 * ledger query and never opened; the rest run with bounded concurrency, one transaction each.
 * A failing schema is reported and does not stop the others. Interrupted runs resume: the
 * ledger only holds committed work.
 */
export async function migrateTenants(
  database: Database,
  options: MigrateTenantsOptions = {},
): Promise<MigrateSummary> {
  const started = performance.now();
  const migrations = options.migrations ?? loadMigrations('tenant');
  const concurrency = Math.max(1, options.concurrency ?? 4);

  const { rows: schemaRows } = await database.pool.query<{ schema_name: string }>(
    `select t.schema_name from platform.tenants t
       join pg_namespace n on n.nspname = t.schema_name
      order by t.created_at, t.id`,
  );
  let schemas = schemaRows.map((r) => r.schema_name);
  if (options.schemas) {
    const wanted = new Set(options.schemas);
    schemas = schemas.filter((s) => wanted.has(s));
  }

  const { rows: ledgerRows } = await database.pool.query<{
    schema_name: string;
    migration: string;
    checksum: string;
  }>(
    `select schema_name, migration, checksum from platform.schema_migrations where schema_name <> 'platform'`,
  );
  const ledger = new Map<string, Map<string, string>>();
  for (const r of ledgerRows) {
    const applied = ledger.get(r.schema_name) ?? new Map<string, string>();
    applied.set(r.migration, r.checksum);
    ledger.set(r.schema_name, applied);
  }

  const summary: MigrateSummary = {
    total: schemas.length,
    migrated: 0,
    current: 0,
    failed: [],
    durationMs: 0,
  };
  let done = 0;
  const record = (outcome: SchemaOutcome) => {
    if (outcome.status === 'migrated') summary.migrated++;
    else if (outcome.status === 'current') summary.current++;
    else summary.failed.push({ schema: outcome.schema, error: outcome.error });
    done++;
    options.onProgress?.({ done, total: summary.total, last: outcome });
  };

  const queue: string[] = [];
  for (const schema of schemas) {
    try {
      if (pendingMigrations(migrations, ledger.get(schema) ?? new Map()).length === 0) {
        record({ schema, status: 'current' });
      } else {
        queue.push(schema);
      }
    } catch (e) {
      record({ schema, status: 'failed', error: (e as Error).message });
    }
  }

  let next = 0;
  const lane = async () => {
    await withClient(database, async (client) => {
      while (next < queue.length) {
        const schema = queue[next++] as string;
        try {
          const applied = await migrateSchema(database, client, schema, migrations, {
            asOwner: true,
            retarget: true,
          });
          record(applied.length ? { schema, status: 'migrated', applied } : { schema, status: 'current' });
        } catch (e) {
          record({ schema, status: 'failed', error: (e as Error).message });
        }
      }
    });
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, lane));
  summary.durationMs = Math.round(performance.now() - started);
  return summary;
}
