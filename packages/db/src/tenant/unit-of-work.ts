import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg, { type QueryResult } from 'pg';
import { type Database, isServerError, type PlatformDb } from '../client.js';
import * as platformSchema from '../platform/schema.js';
import { assertTenantSchema, ident } from '../sql.js';
import { type TenantTables, tenantTables } from './tables.js';

export type TenantRef = { id: string; schemaName: string };

/** What tenant code gets: a drizzle handle inside the tenant's transaction, and its tables. */
export type TenantTx = {
  tenant: TenantRef;
  db: NodePgDatabase;
  t: TenantTables;
};

/**
 * Settings for one unit of work (`SET LOCAL`), sent with BEGIN. Names and values are fixed by
 * code, never by input: both are checked here since they are spliced into SQL.
 */
export type TenantTxSettings = Record<string, string>;

const SETTING_NAME = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;
const SETTING_VALUE = /^[A-Za-z0-9_. ]+$/;

/**
 * The only way to touch tenant tables. Opens a transaction that first switches to the tenant's
 * role, so the database itself refuses any table of another tenant (or of the platform), then
 * runs `fn` with that tenant's tables. Commits when `fn` resolves, rolls back when it throws.
 */
export async function withTenant<T>(
  database: Database,
  tenant: TenantRef,
  fn: (tx: TenantTx) => Promise<T>,
  settings: TenantTxSettings = {},
): Promise<T> {
  const role = ident(assertTenantSchema(tenant.schemaName));
  const set = Object.entries(settings).map(([name, value]) => {
    if (!SETTING_NAME.test(name) || !SETTING_VALUE.test(value))
      throw new Error(`invalid transaction setting ${JSON.stringify(name)} = ${JSON.stringify(value)}`);
    return `; SET LOCAL ${name} = '${value}'`;
  });
  const client = await database.pool.connect();
  let broken = false;
  try {
    // One round trip: BEGIN, the role switch and any settings travel together.
    await client.query(`BEGIN; SET LOCAL ROLE ${role}${set.join('')}`);
    const result = await fn({ tenant, db: drizzle(client), t: tenantTables(tenant.schemaName) });
    await client.query('COMMIT');
    return result;
  } catch (e) {
    // An application error (a 404, a 409, a failed check) or an SQL error leaves a healthy
    // connection: once ROLLBACK succeeds the transaction, its role and its settings are gone, so
    // the connection goes back to the pool. Only a connection that cannot roll back (it died,
    // or the protocol is out of step) is discarded.
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw e;
  } finally {
    releaseTenantClient(database, client, tenant.schemaName, broken);
  }
}

/**
 * One transaction that changes platform rows and records the change in the tenant (its audit
 * log and outbox), committed together or not at all: `platformWork` runs as the login role on
 * the platform schema, then the transaction switches to the tenant's role for `tenantWork`,
 * which, like `withTenant`, can reach that tenant's tables only. For control-plane data that a
 * tenant's users change (their custom domains).
 */
export async function withPlatformThenTenant<P, T>(
  database: Database,
  tenant: TenantRef,
  platformWork: (db: PlatformDb) => Promise<P>,
  tenantWork: (tx: TenantTx, done: P) => Promise<T>,
): Promise<T> {
  const role = ident(assertTenantSchema(tenant.schemaName));
  const client = await database.pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const done = await platformWork(drizzle(client, { schema: platformSchema }));
    await client.query(`SET LOCAL ROLE ${role}`);
    const result = await tenantWork(
      { tenant, db: drizzle(client), t: tenantTables(tenant.schemaName) },
      done,
    );
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw e;
  } finally {
    releaseTenantClient(database, client, tenant.schemaName, broken);
  }
}

/**
 * A one-statement read in the tenant's role, in one round trip: `SET LOCAL ROLE <tenant>` and
 * the statement travel as one simple-protocol message, which PostgreSQL runs as one implicit
 * transaction (the role ends with it, an error rolls it back; through PgBouncer in transaction
 * mode too). `withTenant` needs three round trips for the same read (BEGIN + role, the
 * statement, COMMIT), the largest cost of a small read (ADR 0030).
 *
 * The simple protocol carries no parameters, so the statement's parameters are sent as quoted
 * literals (`pg`'s escapeLiteral: quotes and backslashes escaped, E'' form when needed). Only
 * strings, finite numbers, booleans, null and dates are inlined; anything else, or a string with
 * a NUL byte (which the simple protocol cannot carry), takes the `withTenant` path instead.
 * The statement's SQL text must not contain `$n` outside its placeholders (no dollar-quoted
 * bodies): drizzle's `sql` template produces placeholders only where values are.
 */
export async function readTenant<T extends Record<string, unknown>>(
  database: Database,
  tenant: TenantRef,
  query: (t: TenantTables) => SQL,
  options: ReadOptions = {},
): Promise<T[]> {
  const role = ident(assertTenantSchema(tenant.schemaName));
  const statement = query(tenantTables(tenant.schemaName));
  const { sql: text, params } = dialect.sqlToQuery(statement);
  const literals = params.map(inlineLiteral);
  if (literals.some((l) => l === undefined)) {
    return withTenant(database, tenant, async ({ db }) => (await db.execute<T>(statement)).rows as T[]);
  }
  const inlined = text.replace(/\$(\d+)/g, (_, n: string) => {
    const literal = literals[Number(n) - 1];
    if (literal === undefined) throw new Error(`no parameter $${n} in a tenant read`);
    return literal;
  });
  const prepare = options.prepare === true && database.maxPreparedPerConnection > 0 && !database.distributed;
  for (let attempt = 1; ; attempt++) {
    const client = await database.pool.connect();
    const prepared = prepare ? preparedOn(client) : null;
    const message = prepared
      ? preparedMessage(prepared, role, inlined, database.maxPreparedPerConnection)
      : { text: `SET LOCAL ROLE ${role}; ${inlined}`, results: 2, changes: null };
    let broken = false;
    try {
      const results = (await client.query(message.text)) as unknown as QueryResult<T>[];
      if (!Array.isArray(results) || results.length !== message.results)
        throw new Error('a tenant read must be exactly one statement');
      message.changes?.();
      return (results[results.length - 1] as QueryResult<T>).rows;
    } catch (e) {
      // A server error rolled the implicit transaction back; anything else may have left the
      // connection out of step. PREPARE and DEALLOCATE are not transactional: after a failed
      // message that sent either, which statements the connection holds is not known, so it goes.
      broken = !isServerError(e) || message.changes !== null;
      // A statement this connection should hold is gone (DISCARD ALL, a pooler that moved us to
      // another server connection): the connection goes, and the read runs once more.
      if (prepared && (e as { code?: unknown }).code === '26000') {
        broken = true;
        if (attempt === 1) continue;
      }
      throw e;
    } finally {
      releaseTenantClient(database, client, tenant.schemaName, broken);
    }
  }
}

export type ReadOptions = {
  /**
   * Keep the statement prepared on the connection (per tenant role and statement text, the
   * parameters inlined) and execute it by name after the first time: PostgreSQL parses, analyses
   * and plans it once per connection instead of once per read. For a hot read whose text repeats
   * (a browse's page); a read whose text varies with every call (an id in it) gains nothing and
   * only pushes other statements out. Off with `maxPreparedPerConnection` 0 (ADR 0030).
   */
  prepare?: boolean;
};

/**
 * The statements each pooled connection holds prepared, least recently used first (entries go
 * with their connection; a connection that is closed takes its statements with it).
 */
const preparedStatements = new WeakMap<object, Map<string, true>>();

function preparedOn(client: pg.PoolClient): Map<string, true> {
  let names = preparedStatements.get(client);
  if (!names) {
    names = new Map();
    preparedStatements.set(client, names);
  }
  return names;
}

/**
 * The message of a prepared read, as one simple query (one implicit transaction, one round
 * trip): the role switch, then `EXECUTE` of the statement when this connection holds it;
 * otherwise `DEALLOCATE` of the least recently used ones beyond `max`, `PREPARE` and `EXECUTE`.
 * The name is a hash of the role and the text, which names the tenant's schema in every table:
 * two tenants never share a statement, and a statement run in another tenant's role would be
 * refused by the database anyway (permissions are checked when a plan is executed, not when it
 * is made). `changes` records what the message did to the connection's statements, applied
 * only once it succeeded.
 */
function preparedMessage(
  names: Map<string, true>,
  role: string,
  text: string,
  max: number,
): { text: string; results: number; changes: (() => void) | null } {
  const name = `agora_${createHash('sha256').update(`${role}\n${text}`).digest('hex').slice(0, 40)}`;
  if (names.has(name)) {
    names.delete(name);
    names.set(name, true);
    return { text: `SET LOCAL ROLE ${role}; EXECUTE ${name}`, results: 2, changes: null };
  }
  const evicted = [...names.keys()].slice(0, Math.max(0, names.size - max + 1));
  const parts = [
    ...evicted.map((old) => `DEALLOCATE ${old}`),
    `SET LOCAL ROLE ${role}`,
    `PREPARE ${name} AS ${text}\n`, // a line comment that ends the text ends there
    `EXECUTE ${name}`,
  ];
  return {
    text: parts.join('; '),
    results: parts.length,
    changes: () => {
      for (const old of evicted) names.delete(old);
      names.set(name, true);
    },
  };
}

const dialect = new PgDialect();

/** The tenant schemas each pooled connection has served (entries go with their connection). */
const servedSchemas = new WeakMap<object, Set<string>>();

/**
 * Back to the pool, or closed: when broken, or once it has served `maxSchemasPerConnection`
 * tenant schemas. A PostgreSQL backend keeps every relation it has touched in its caches (tens
 * of kilobytes per tenant schema) until it exits, so a connection that served thousands of
 * tenants holds hundreds of megabytes; closing it after a bounded number bounds that (ADR 0030).
 */
function releaseTenantClient(database: Database, client: pg.PoolClient, schema: string, broken: boolean) {
  let served = servedSchemas.get(client);
  if (!served) {
    served = new Set();
    servedSchemas.set(client, served);
  }
  served.add(schema);
  client.release(broken || served.size >= database.maxSchemasPerConnection);
}

/** A parameter as an SQL literal, or undefined when it cannot be one here. */
function inlineLiteral(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // Parenthesized: after a minus sign, `-5` inlined bare would start a comment (`a --5`).
  if (typeof value === 'number') return Number.isFinite(value) ? `(${value})` : undefined;
  if (typeof value === 'bigint') return `(${value})`;
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? undefined : pg.escapeLiteral(value.toISOString());
  if (typeof value === 'string') return value.includes('\0') ? undefined : pg.escapeLiteral(value);
  return undefined;
}
