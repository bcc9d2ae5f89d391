import { AppError, type DomainCheck, SERVED_DOMAIN_STATUSES, type TenantDomain } from '@agora/contracts';
import { type CustomDomainRow, platformTables as p, type TenantRef, withPlatformThenTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { emitEvent } from '../outbox/emit-event.js';
import { checkDomainDns } from './check-domain-dns.js';
import { asCustom, customDomainOf } from './custom-domain.js';
import { createDnsResolver, type DnsLookup } from './dns-resolver.js';
import { type DomainActor, recordDomainChange } from './domain-actor.js';
import { disableAt, nextDomainState } from './domain-transitions.js';
import { toDomainView } from './domain-view.js';

export type CheckDeps = Pick<Deps, 'config' | 'database' | 'events'> & {
  /** The DNS resolver; default: the one configured (AGORA_DNS_SERVERS). */
  dns?: DnsLookup;
  now?: () => Date;
};

/** Check one of a marketplace's domains now (the console's "check now"), and keep the result. */
export async function checkDomain(
  deps: CheckDeps,
  tenant: TenantRef,
  domainId: string,
  actor: DomainActor,
): Promise<TenantDomain> {
  const [row] = await deps.database.platform
    .select()
    .from(p.domains)
    .where(customDomainOf(tenant.id, domainId));
  if (!row) throw new AppError('not_found', `No domain with id ${domainId}`);
  return toDomainView(deps.config, await runDomainCheck(deps, tenant, asCustom(row), actor));
}

/**
 * Look at a domain's DNS and store what was seen; a conclusive result moves its status
 * (nextDomainState). A status change is audited and emailed to the owner (`domain.status_changed`
 * in the tenant's outbox, in the same transaction), and, when it starts or stops being served,
 * every API process forgets its cached answer for the host. The row is locked while the result is
 * written, so a scheduled check and a click at the same moment apply one after the other.
 */
export async function runDomainCheck(
  deps: CheckDeps,
  tenant: TenantRef,
  row: Pick<CustomDomainRow, 'id' | 'hostname' | 'verificationToken'>,
  actor: DomainActor,
): Promise<CustomDomainRow> {
  const dns = deps.dns ?? createDnsResolver(deps.config.domains.dnsServers);
  const now = deps.now?.() ?? new Date();
  const { check, conclusive } = await checkDomainDns(
    dns,
    row.hostname,
    row.verificationToken,
    deps.config.domains,
    now,
  );
  const passed = check.ownership && check.routing;
  const { graceMs } = deps.config.domains;

  const result = await withPlatformThenTenant(
    deps.database,
    tenant,
    async (db) => {
      const [current] = await db.select().from(p.domains).where(eq(p.domains.id, row.id)).for('update');
      if (!current) throw new AppError('not_found', `No domain with id ${row.id}`);
      const next = conclusive
        ? nextDomainState(
            { status: current.status, failingSince: current.failingSince },
            passed,
            now,
            graceMs,
          )
        : { status: current.status, failingSince: current.failingSince };
      const [updated] = await db
        .update(p.domains)
        .set({
          status: next.status,
          failingSince: next.failingSince,
          lastCheckedAt: now,
          lastResult: check as unknown as Record<string, unknown>,
          updatedAt: now,
        })
        .where(eq(p.domains.id, row.id))
        .returning();
      if (!updated) throw new Error('update returned no row');
      return { before: current.status, updated: asCustom(updated) };
    },
    async (tx, done) => {
      if (done.before !== done.updated.status) {
        const end = disableAt(done.updated, graceMs);
        await recordDomainChange(tx, actor, 'domain.status_changed', row.id, {
          domain: row.hostname,
          from: done.before,
          to: done.updated.status,
        });
        await emitEvent(tx, 'domain.status_changed', {
          domainId: row.id,
          domain: row.hostname,
          from: done.before,
          to: done.updated.status,
          problem: (check as DomainCheck).problem,
          disableAt: end?.toISOString() ?? null,
        });
      }
      return done;
    },
  );
  const served = (s: string) => (SERVED_DOMAIN_STATUSES as readonly string[]).includes(s);
  if (served(result.before) !== served(result.updated.status))
    await deps.events.tenantChanged({ tenantId: tenant.id, hostnames: [row.hostname] }).catch(() => {});
  return result.updated;
}
