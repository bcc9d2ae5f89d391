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
 * The tenant a hostname belongs to, or null: its default host (`domains`), or a custom domain
 * that is verified or failing within its grace period (`tenant_domains`; pending and disabled
 * ones resolve to nothing). One statement on the two unique indexes.
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
    select t.id, t.slug, t.name, t.status, t.schema_name, h.via,
           (select d.domain from platform.tenant_domains d
             where d.tenant_id = t.id and d.is_primary and d.status = 'verified') as primary_host
      from (select tenant_id, 'default' as via, 0 as rank from platform.domains where hostname = ${hostname}
            union all
            select tenant_id, status, 1 from platform.tenant_domains
             where domain = ${hostname} and status in ('verified', 'failing')) h
      join platform.tenants t on t.id = h.tenant_id
     order by h.rank
     limit 1`);
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
