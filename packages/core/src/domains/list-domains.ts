import type { Config } from '@agora/config';
import type { TenantDomainList } from '@agora/contracts';
import { type Database, platformTables as p } from '@agora/db';
import { and, asc, eq } from 'drizzle-orm';
import { defaultHostname } from '../tenants/hosts.js';
import { asCustom, isCustom } from './custom-domain.js';
import { toDomainView } from './domain-view.js';

/**
 * A marketplace's custom domains, oldest first, with its default host and the host it is served
 * on. At most MAX_DOMAINS_PER_TENANT rows, so there is no paging.
 */
export async function listDomains(
  deps: { config: Pick<Config, 'domains' | 'baseDomain'>; database: Database },
  tenant: { id: string; slug: string },
): Promise<TenantDomainList> {
  const rows = await deps.database.platform
    .select()
    .from(p.domains)
    .where(and(eq(p.domains.tenantId, tenant.id), isCustom))
    .orderBy(asc(p.domains.createdAt), asc(p.domains.id));
  const defaultHost = defaultHostname(tenant.slug, deps.config.baseDomain);
  const primary = rows.find((r) => r.isPrimary && r.status === 'verified');
  return {
    data: rows.map((r) => toDomainView(deps.config, asCustom(r))),
    defaultHost,
    canonicalHost: primary?.hostname ?? defaultHost,
  };
}
