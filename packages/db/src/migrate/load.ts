import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TEMPLATE_SCHEMA } from '../tenant/tables.js';

export type Migration = { name: string; sql: string; checksum: string };
export type MigrationSet = 'platform' | 'tenant';

const cache = new Map<MigrationSet, Migration[]>();

/**
 * The SQL files drizzle-kit generated, in journal order. `CREATE SCHEMA` lines are dropped:
 * the runner and provisioning create schemas themselves (with the right owner).
 */
export function loadMigrations(set: MigrationSet): Migration[] {
  const cached = cache.get(set);
  if (cached) return cached;
  const dir = fileURLToPath(new URL(`../../migrations/${set}/`, import.meta.url));
  const journal = JSON.parse(readFileSync(`${dir}meta/_journal.json`, 'utf8')) as {
    entries: { tag: string }[];
  };
  const migrations = journal.entries.map(({ tag }) => {
    const raw = readFileSync(`${dir}${tag}.sql`, 'utf8');
    const sql = raw
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter((s) => s && !/^CREATE SCHEMA\b/i.test(s))
      .join(';\n')
      .replace(/;\s*;/g, ';');
    return { name: tag, sql, checksum: createHash('sha256').update(raw).digest('hex').slice(0, 16) };
  });
  cache.set(set, migrations);
  return migrations;
}

/** Tenant migration SQL retargeted from the template schema to one tenant's schema. */
export function sqlForSchema(migration: Migration, schemaName: string): string {
  return migration.sql.replaceAll(`"${TEMPLATE_SCHEMA}".`, `"${schemaName}".`);
}
