import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { readTenant, type TenantRef } from './unit-of-work.js';

/**
 * The tenant's catalog version (tenant migration 0007, ADR 0020): raised at the commit of every
 * transaction that changes what a search shows. Compare it for equality only: on one node it rises
 * by one per transaction, but on Citus a transaction may raise it twice (ADR 0022). One round trip
 * (`readTenant`): the role switch and the read travel as one simple query, which PostgreSQL runs as
 * one implicit transaction, so the role switch ends with it, as in `withTenant`.
 */
export async function readCatalogVersion(database: Database, tenant: TenantRef): Promise<number> {
  const [row] = await readTenant<{ version: string }>(
    database,
    tenant,
    (t) => sql`select version from ${t.catalogVersion} where id = 1`,
  );
  if (row === undefined) throw new Error(`catalog version missing in ${tenant.schemaName}`);
  return Number(row.version);
}
