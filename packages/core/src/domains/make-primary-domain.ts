import { AppError, type TenantDomain } from '@agora/contracts';
import { platformTables as p, type TenantRef, withPlatformThenTenant } from '@agora/db';
import { and, eq, ne } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { asCustom, customDomainOf, isCustom } from './custom-domain.js';
import { type DomainActor, recordDomainChange } from './domain-actor.js';
import { toDomainView } from './domain-view.js';

/**
 * Make a verified domain the marketplace's primary one: its other hosts (the `<slug>` host
 * included) redirect page requests to it, and emails link to it. `domainId` null goes back to
 * the default host. Making the current primary primary again changes nothing.
 */
export async function makePrimaryDomain(
  deps: Pick<Deps, 'config' | 'database' | 'events'>,
  tenant: TenantRef,
  domainId: string | null,
  actor: DomainActor,
): Promise<TenantDomain | null> {
  const result = await withPlatformThenTenant(
    deps.database,
    tenant,
    async (db) => {
      let row = null;
      if (domainId !== null) {
        [row] = await db.select().from(p.domains).where(customDomainOf(tenant.id, domainId)).for('update');
        if (!row) throw new AppError('not_found', `No domain with id ${domainId}`);
        if (row.status !== 'verified')
          throw new AppError(
            'invalid_state',
            `Only a verified domain can be primary; ${row.hostname} is ${row.status}`,
          );
        if (row.isPrimary) return { row, changed: false };
      }
      const cleared = await db
        .update(p.domains)
        .set({ isPrimary: false, updatedAt: new Date() })
        .where(
          and(
            eq(p.domains.tenantId, tenant.id),
            isCustom,
            eq(p.domains.isPrimary, true),
            row ? ne(p.domains.id, row.id) : undefined,
          ),
        )
        .returning({ id: p.domains.id });
      if (row) {
        [row] = await db
          .update(p.domains)
          .set({ isPrimary: true, updatedAt: new Date() })
          .where(eq(p.domains.id, row.id))
          .returning();
      }
      return { row: row ?? null, changed: row !== null || cleared.length > 0 };
    },
    async (tx, done) => {
      if (done.changed)
        await recordDomainChange(tx, actor, 'domain.primary_changed', done.row?.id ?? 'default', {
          domain: done.row?.hostname ?? null,
        });
      return done;
    },
  );
  if (result.changed) await deps.events.tenantChanged({ tenantId: tenant.id, hostnames: [] }).catch(() => {});
  return result.row ? toDomainView(deps.config, asCustom(result.row)) : null;
}
