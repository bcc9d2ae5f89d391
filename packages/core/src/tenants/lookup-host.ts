import type { TenantStatus } from '@agora/contracts';
import { type Database, platformTables as p } from '@agora/db';
import { eq } from 'drizzle-orm';

export type HostTenant = { id: string; slug: string; name: string; status: TenantStatus; schemaName: string };

/** The tenant a hostname belongs to, or null. Uses the unique index on domains.hostname. */
export async function lookupTenantByHost(database: Database, hostname: string): Promise<HostTenant | null> {
  const [row] = await database.platform
    .select({
      id: p.tenants.id,
      slug: p.tenants.slug,
      name: p.tenants.name,
      status: p.tenants.status,
      schemaName: p.tenants.schemaName,
    })
    .from(p.domains)
    .innerJoin(p.tenants, eq(p.tenants.id, p.domains.tenantId))
    .where(eq(p.domains.hostname, hostname));
  return row ?? null;
}
