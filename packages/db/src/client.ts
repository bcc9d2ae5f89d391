import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as platformSchema from './platform/schema.js';

export type PlatformDb = NodePgDatabase<typeof platformSchema>;

/**
 * A connection pool plus what the code needs to know about the login role. The login role
 * should be a NOINHERIT, non-superuser role with CREATEROLE (see docs/decisions/0002): then it
 * can read no tenant table without `SET LOCAL ROLE`, so a forgotten tenant fails closed.
 */
export type Database = {
  pool: pg.Pool;
  /** drizzle over the platform schema only; tenant tables come from `withTenant`. */
  platform: PlatformDb;
  loginRole: string;
  /** NOLOGIN role that owns every tenant schema and table. */
  ownerRole: string;
  isSuperuser: boolean;
  serverVersion: number;
  /**
   * The database runs Citus (the extension is installed): migrations then send every statement
   * as a query of its own (ADR 0022). Read once at connect.
   */
  distributed: boolean;
  /**
   * Owner and tenant roles are LOGIN without a password, as Citus needs (ADR 0021); NOLOGIN
   * otherwise (the default). `migratePlatform` brings existing roles in line.
   */
  rolesLogin: boolean;
  /** Distinct tenant schemas a pooled connection serves before it is closed (see withTenant). */
  maxSchemasPerConnection: number;
  /**
   * Statements a pooled connection keeps prepared for `readTenant(..., { prepare: true })`
   * (least recently used out; 0: nothing is prepared).
   */
  maxPreparedPerConnection: number;
  close(): Promise<void>;
};

export type ConnectOptions = {
  max?: number;
  applicationName?: string;
  rolesLogin?: boolean;
  /** Close a pooled connection this many seconds after it opened (0: never). Default 15 min. */
  maxLifetimeSeconds?: number;
  /** Close a pooled connection once it has served this many tenant schemas. Default 100. */
  maxSchemasPerConnection?: number;
  /** Statements a pooled connection keeps prepared for hot tenant reads. Default 16; 0: none. */
  maxPreparedPerConnection?: number;
};

export async function connectDatabase(url: string, options: ConnectOptions = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
    // Recycle connections so per-connection relation caches (one entry per tenant table
    // touched) do not grow without bound on a server with many tenant schemas: by age here,
    // and by the number of schemas served in withTenant/readTenant (ADR 0030).
    maxLifetimeSeconds: options.maxLifetimeSeconds ?? 15 * 60,
    application_name: options.applicationName ?? 'agora',
  });
  // An idle client whose server went away emits 'error' on the pool; without a listener that
  // crashes the process. The next checkout gets a fresh connection.
  pool.on('error', () => {});
  // Same for a checked-out client whose connection dies mid-query: the query rejects, which is
  // what callers handle; the 'error' event must not also crash the process.
  pool.on('connect', (client) => client.on('error', () => {}));
  const { rows } = await pool.query<{ login: string; superuser: boolean; version: string; citus: boolean }>(
    `select current_user as login,
            (select rolsuper from pg_roles where rolname = current_user) as superuser,
            current_setting('server_version_num') as version,
            exists (select 1 from pg_extension where extname = 'citus') as citus`,
  );
  const info = rows[0];
  if (!info) throw new Error('could not read the database login role');
  return {
    pool,
    platform: drizzle(pool, { schema: platformSchema }),
    loginRole: info.login,
    ownerRole: ownerRoleFor(info.login),
    isSuperuser: info.superuser,
    serverVersion: Number(info.version),
    distributed: info.citus,
    rolesLogin: options.rolesLogin ?? false,
    maxSchemasPerConnection: options.maxSchemasPerConnection ?? 100,
    maxPreparedPerConnection: options.maxPreparedPerConnection ?? 16,
    close: () => pool.end(),
  };
}

/** Owner role name derived from the login role, so databases on one cluster never share one. */
export const ownerRoleFor = (login: string) => `${login}_owner`.slice(0, 63);

/** Run `fn` in a transaction on one pooled client. */
export async function withClient<T>(
  database: Database,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await database.pool.connect();
  let failure: unknown;
  try {
    return await fn(client);
  } catch (e) {
    failure = e;
    throw e;
  } finally {
    // Destroy the connection unless the failure was an ordinary SQL error the server reported.
    client.release(failure !== undefined && !isServerError(failure));
  }
}

/** An error PostgreSQL reported (it carries an SQLSTATE); the connection is still usable. */
export function isServerError(e: unknown): boolean {
  const code =
    (e as { code?: unknown; cause?: { code?: unknown } } | null)?.code ??
    (e as { cause?: { code?: unknown } })?.cause?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

/**
 * Run statements in order in the caller's transaction: one round trip on one node, one query each
 * on Citus, which refuses DDL that shares a query string with other statements (ADR 0022).
 */
export async function sendStatements(
  database: Pick<Database, 'distributed'>,
  client: pg.ClientBase,
  statements: string[],
): Promise<void> {
  if (!database.distributed) {
    await client.query(statements.join(';\n'));
    return;
  }
  for (const statement of statements) await client.query(statement);
}

export async function inTransaction<T>(client: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}
