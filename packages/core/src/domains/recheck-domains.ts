import { platformTables as p } from '@agora/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { type CheckDeps, runDomainCheck } from './check-domain.js';
import { isCustom } from './custom-domain.js';
import { createDnsResolver } from './dns-resolver.js';

export type RecheckSummary = { checked: number; changed: number; failed: number };

/**
 * The scheduled check of every custom domain of every active marketplace (the
 * `domains.recheck.v1` job): least recently checked first, a few at a time. A domain whose check
 * throws is counted and left for the next run; the others go on.
 */
export async function recheckDomains(
  deps: CheckDeps,
  options: { concurrency?: number } = {},
): Promise<RecheckSummary> {
  const rows = await deps.database.platform
    .select({
      id: p.domains.id,
      hostname: p.domains.hostname,
      // Custom rows always have one (domains_custom_token_check); the column is nullable for platform hosts.
      verificationToken: sql<string>`${p.domains.verificationToken}`,
      status: p.domains.status,
      tenantId: p.tenants.id,
      schemaName: p.tenants.schemaName,
    })
    .from(p.domains)
    .innerJoin(p.tenants, eq(p.tenants.id, p.domains.tenantId))
    .where(and(isCustom, eq(p.tenants.status, 'active')))
    .orderBy(sql`${p.domains.lastCheckedAt} asc nulls first`, asc(p.domains.id));
  const dns = deps.dns ?? createDnsResolver(deps.config.domains.dnsServers);
  const summary: RecheckSummary = { checked: 0, changed: 0, failed: 0 };
  let next = 0;
  const work = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      if (!row) break;
      try {
        const updated = await runDomainCheck(
          { ...deps, dns },
          { id: row.tenantId, schemaName: row.schemaName },
          row,
          { type: 'system' },
        );
        summary.checked++;
        if (updated.status !== row.status) summary.changed++;
      } catch {
        summary.failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, work));
  return summary;
}
