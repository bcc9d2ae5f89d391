import type pg from 'pg';
import type { Database } from '../client.js';
import { assertTenantSchema, ident } from '../sql.js';
import type { TenantRef } from './unit-of-work.js';

/**
 * The tenant's catalog version (tenant migration 0007, ADR 0020): raised at the commit of every
 * transaction that changes what a search shows. Compare it for equality only: on one node it rises
 * by one per transaction, but on Citus a transaction may raise it twice (ADR 0022). One round trip: the role switch and the
 * read travel as one simple query, which PostgreSQL runs as one implicit transaction, so the
 * role switch ends with it, as in `withTenant`.
 */
export async function readCatalogVersion(database: Database, tenant: TenantRef): Promise<number> {
  const schema = ident(assertTenantSchema(tenant.schemaName));
  const results = (await database.pool.query(
    `SET LOCAL ROLE ${schema}; SELECT version FROM ${schema}.catalog_version WHERE id = 1`,
  )) as unknown as pg.QueryResult<{ version: string }>[];
  const version = results[1]?.rows[0]?.version;
  if (version === undefined) throw new Error(`catalog version missing in ${tenant.schemaName}`);
  return Number(version);
}
