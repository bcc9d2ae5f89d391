import { createTestDatabase, type TestDatabase } from '@agora/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, type Migration, splitStatements, sqlForSchema, withClient } from '../src/index.js';
import { migrateSchema } from '../src/migrate/apply.js';
import { makeBareTenant } from './helpers.js';

/** ADR 0022: on Citus every migration statement is a query of its own, in one transaction per schema. */
let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb?.drop());

/** Run the runner on one tenant schema, recording the text of every query it sends. */
async function migrateRecording(schemaName: string, migrations: Migration[], distributed = true) {
  // As on Citus (`distributed`), or as on one node; the server is plain PostgreSQL either way.
  const database = { ...tdb.database, distributed };
  const sent: string[] = [];
  const outcome = await withClient(database, async (client) => {
    const recording = new Proxy(client, {
      get(target, prop, receiver) {
        if (prop !== 'query') return Reflect.get(target, prop, receiver);
        return (text: string, ...rest: unknown[]) => {
          sent.push(text);
          return (target.query as (...a: unknown[]) => Promise<unknown>).call(target, text, ...rest);
        };
      },
    }) as pg.PoolClient;
    return migrateSchema(database, recording, schemaName, migrations, { asOwner: true, retarget: true })
      .then((applied) => ({ applied, error: undefined }))
      .catch((error: Error) => ({ applied: [] as string[], error }));
  });
  return { sent, ...outcome };
}

/** A statement's text without comments, string literals and dollar-quoted bodies. */
const bare = (s: string) =>
  s
    .replace(/\$(\w*)\$[\s\S]*?\$\1\$/g, '$$')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/--[^\n]*/g, '');

describe('statement by statement', () => {
  it('every piece of every shipped migration file is one statement', () => {
    for (const set of ['platform', 'tenant'] as const) {
      for (const m of loadMigrations(set)) {
        expect(m.statements.length, m.name).toBeGreaterThan(0);
        for (const s of m.statements) {
          // At most one semicolon, at the very end: a second statement needs a breakpoint.
          expect(bare(s).replace(/;\s*$/, ''), `${m.name}: ${s.slice(0, 80)}`).not.toContain(';');
        }
      }
    }
  });

  it('splits on drizzle-kit breakpoints and drops CREATE SCHEMA and comment-only pieces', () => {
    const raw = [
      'CREATE SCHEMA "x";',
      'CREATE TABLE "x"."a" (id int);',
      '-- only a comment',
      '-- why\nCREATE INDEX "a_idx" ON "x"."a" (id);',
    ].join('\n--> statement-breakpoint\n');
    expect(splitStatements(raw)).toEqual([
      'CREATE TABLE "x"."a" (id int);',
      '-- why\nCREATE INDEX "a_idx" ON "x"."a" (id);',
    ]);
  });

  it('keeps the checksum of the file as written, so existing ledgers still match', () => {
    // Recorded by the runner before statements were split (tenant and platform 0000_init).
    expect(loadMigrations('tenant')[0]).toMatchObject({ name: '0000_init', checksum: 'fe39da0a141dc485' });
    expect(loadMigrations('platform')[0]).toMatchObject({ name: '0000_init', checksum: 'c633fae5757f048d' });
  });

  it('on Citus, sends each statement of each pending migration as a query of its own, in order, in one transaction', async () => {
    const tenant = await makeBareTenant(tdb.database);
    const migrations = loadMigrations('tenant');
    const { sent, applied, error } = await migrateRecording(tenant.schemaName, migrations);
    expect(error).toBeUndefined();
    expect(applied).toEqual(migrations.map((m) => m.name));

    const expected = migrations.flatMap((m) => sqlForSchema(m, tenant.schemaName));
    expect(expected.length).toBeGreaterThan(migrations.length);
    const statements = sent.filter((q) => expected.includes(q));
    expect(statements).toEqual(expected);
    // Everything else is transaction control, the lock, the ledger and the role: no DDL rides along.
    const others = sent.filter((q) => !expected.includes(q));
    for (const q of others) expect(q).not.toMatch(/\b(CREATE|ALTER|DROP)\b/i);
    expect(others[0]).toMatch(/^BEGIN;/);
    expect(others.at(-1)).toMatch(/COMMIT$/);
    expect(sent.filter((q) => /\bCOMMIT\b/.test(q))).toHaveLength(1);
  });

  it('on one node, sends the pending statements, the ledger rows and COMMIT as one batch', async () => {
    const tenant = await makeBareTenant(tdb.database);
    const migrations = loadMigrations('tenant');
    const { sent, applied, error } = await migrateRecording(tenant.schemaName, migrations, false);
    expect(error).toBeUndefined();
    expect(applied).toEqual(migrations.map((m) => m.name));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatch(
      /^SET LOCAL ROLE [\s\S]*CREATE TABLE [\s\S]*INSERT INTO platform\.schema_migrations[\s\S]*COMMIT$/,
    );
    const { rows } = await tdb.database.pool.query(
      'select count(*)::int as n from platform.schema_migrations where schema_name = $1',
      [tenant.schemaName],
    );
    expect(rows[0].n).toBe(migrations.length);
  });

  it('connects knowing whether the database runs Citus', () => {
    expect(tdb.database.distributed).toBe(false);
  });

  it('on Citus, names the failing statement and leaves nothing behind', async () => {
    const tenant = await makeBareTenant(tdb.database);
    const broken: Migration = {
      name: '0000_broken',
      checksum: 'x',
      statements: [
        'CREATE TABLE "tenant_template"."first" (id int)',
        'CREATE TABLE "tenant_template"."second" (id int REFERENCES "tenant_template"."missing" (id))',
        'CREATE TABLE "tenant_template"."third" (id int)',
      ],
    };
    const { sent, error } = await migrateRecording(tenant.schemaName, [broken]);
    expect(error).toMatchObject({
      name: 'MigrationError',
      message: expect.stringMatching(/^0000_broken, statement 2 of 3: relation .* does not exist/),
      cause: { code: '42P01' },
    });
    expect(sent.some((q) => q.includes('"third"'))).toBe(false);
    const { rows } = await tdb.database.pool.query(
      `select (select count(*)::int from pg_tables where schemaname = $1) as tables,
              (select count(*)::int from platform.schema_migrations where schema_name = $1) as ledger`,
      [tenant.schemaName],
    );
    expect(rows[0]).toEqual({ tables: 0, ledger: 0 });
  });
});
