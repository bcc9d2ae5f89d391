import type { TenantStatus } from '@agora/contracts';
import type { Database } from '@agora/db';
import { sql } from 'drizzle-orm';

export type HostTenant = {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  schemaName: string;
  /** How the host belongs to the tenant: its default `<slug>` host, or a custom domain in this status. */
  via: 'default' | 'verified' | 'failing';
  /** The tenant's verified primary custom domain, where its other hosts redirect; null: none. */
  primaryHost: string | null;
};

/**
 * The tenant a hostname belongs to, or null: its platform `<slug>` host, or a custom domain that
 * is verified or failing within its grace period (pending and disabled ones resolve to nothing).
 * One statement on the one unique index of `platform.domains` (ADR 0041).
 */
export async function lookupTenantByHost(database: Database, hostname: string): Promise<HostTenant | null> {
  const { rows } = await database.platform.execute<{
    id: string;
    slug: string;
    name: string;
    status: TenantStatus;
    schema_name: string;
    via: HostTenant['via'];
    primary_host: string | null;
  }>(sql`
    select t.id, t.slug, t.name, t.status, t.schema_name,
           case when h.kind = 'platform' then 'default' else h.status end as via,
           (select d.hostname from platform.domains d
             where d.tenant_id = t.id and d.is_primary and d.status = 'verified') as primary_host
      from platform.domains h
      join platform.tenants t on t.id = h.tenant_id
     where h.hostname = ${hostname} and h.status in ('verified', 'failing')`);
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    status: row.status,
    schemaName: row.schema_name,
    via: row.via,
    primaryHost: row.primary_host,
  };
}
