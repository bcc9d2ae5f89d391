import { AppError } from '@agora/contracts';
import { platformTables as p, type TenantRef, withPlatformThenTenant } from '@agora/db';
import type { Deps } from '../deps.js';
import { customDomainOf } from './custom-domain.js';
import { type DomainActor, recordDomainChange, recordPlatformDomainAudit } from './domain-actor.js';

/**
 * Remove a domain from a marketplace (its operators, or staff for any marketplace). It stops
 * resolving at once on every API process; if it was primary, the marketplace goes back to its
 * default host. Removing a domain that is not there (or is another marketplace's) is a 404.
 */
export async function removeDomain(
  deps: Pick<Deps, 'database' | 'events'>,
  tenant: TenantRef,
  domainId: string,
  actor: DomainActor,
): Promise<void> {
  const removed = await withPlatformThenTenant(
    deps.database,
    tenant,
    async (db) => {
      const [row] = await db.delete(p.domains).where(customDomainOf(tenant.id, domainId)).returning();
      if (!row) throw new AppError('not_found', `No domain with id ${domainId}`);
      await recordPlatformDomainAudit(db, actor, 'domain.removed', tenant.id, { domain: row.hostname });
      return row;
    },
    async (tx, row) => {
      await recordDomainChange(tx, actor, 'domain.removed', row.id, {
        domain: row.hostname,
        status: row.status,
      });
      return row;
    },
  );
  await deps.events.tenantChanged({ tenantId: tenant.id, hostnames: [removed.hostname] }).catch(() => {});
}
