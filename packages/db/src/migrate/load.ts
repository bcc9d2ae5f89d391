import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TEMPLATE_SCHEMA } from '../tenant/tables.js';

/**
 * One migration file: its statements in order (split on drizzle-kit's `--> statement-breakpoint`),
 * and the checksum of the file as written.
 */
export type Migration = { name: string; statements: string[]; checksum: string };
export type MigrationSet = 'platform' | 'tenant';

const cache = new Map<MigrationSet, Migration[]>();

/** drizzle-kit's separator between two statements of a migration file. */
export const STATEMENT_BREAKPOINT = '--> statement-breakpoint';

/**
 * The statements of one migration file. `CREATE SCHEMA` statements are dropped (the runner and
 * provisioning create schemas themselves, with the right owner), and so are pieces that hold only
 * comments. Every statement travels as its own query (ADR 0022): a distributed engine (Citus)
 * refuses DDL that shares a query string with other statements.
 */
export function splitStatements(raw: string): string[] {
  return raw
    .split(STATEMENT_BREAKPOINT)
    .map((s) => s.trim())
    .filter((s) => withoutComments(s) !== '' && !/^CREATE SCHEMA\b/i.test(withoutComments(s)));
}

/** The text without leading and whole-line `--` comments (enough to tell an empty piece). */
const withoutComments = (s: string) =>
  s
    .split('\n')
    .filter((line) => !/^\s*--/.test(line))
    .join('\n')
    .trim();

/** The SQL files drizzle-kit generated, in journal order. The checksum covers the file as written. */
export function loadMigrations(set: MigrationSet): Migration[] {
  const cached = cache.get(set);
  if (cached) return cached;
  const dir = fileURLToPath(new URL(`../../migrations/${set}/`, import.meta.url));
  const journal = JSON.parse(readFileSync(`${dir}meta/_journal.json`, 'utf8')) as {
    entries: { tag: string }[];
  };
  const migrations = journal.entries.map(({ tag }) => {
    const raw = readFileSync(`${dir}${tag}.sql`, 'utf8');
    return {
      name: tag,
      statements: splitStatements(raw),
      checksum: createHash('sha256').update(raw).digest('hex').slice(0, 16),
    };
  });
  cache.set(set, migrations);
  return migrations;
}

/** A tenant migration's statements retargeted from the template schema to one tenant's schema. */
export function sqlForSchema(migration: Migration, schemaName: string): string[] {
  return migration.statements.map((s) => s.replaceAll(`"${TEMPLATE_SCHEMA}".`, `"${schemaName}".`));
}
