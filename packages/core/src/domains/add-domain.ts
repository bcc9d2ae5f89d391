import {
  type AddDomainBody,
  AppError,
  invalidInput,
  MAX_DOMAINS_PER_TENANT,
  newId,
  randomId,
  type TenantDomain,
} from '@agora/contracts';
import { platformTables as p, type TenantRef, withPlatformThenTenant } from '@agora/db';
import { and, count, eq } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { asCustom, isCustom } from './custom-domain.js';
import { type DomainActor, recordDomainChange, recordPlatformDomainAudit } from './domain-actor.js';
import { toDomainView } from './domain-view.js';
import { normalizeDomain, platformDomainProblem } from './normalize-domain.js';

const TAKEN_MESSAGE =
  'This domain is already used by another marketplace. If it is yours, remove it there first, or contact support.';

/**
 * Add a domain to a marketplace, pending until its DNS verifies. Adding one the marketplace
 * already has returns it unchanged (`created: false`), so a retried request is harmless. A domain
 * of another marketplace is a 409 `domain_taken` that does not say whose it is.
 */
export async function addDomain(
  deps: Pick<Deps, 'config' | 'database'>,
  tenant: TenantRef,
  body: AddDomainBody,
  actor: DomainActor,
): Promise<{ domain: TenantDomain; created: boolean }> {
  const domain = normalizeDomain(body.domain);
  if (domain === '')
    throw invalidInput('domain', [
      { path: 'domain', message: 'Enter a hostname such as shop.example.com (no http://, no path)' },
    ]);
  const problem = platformDomainProblem(deps.config, domain);
  if (problem) throw invalidInput('domain', [{ path: 'domain', message: problem }], problem);

  try {
    const result = await withPlatformThenTenant(
      deps.database,
      tenant,
      async (db) => {
        // One add at a time per tenant, so the limit holds under concurrent requests.
        await db
          .select({ id: p.tenants.id })
          .from(p.tenants)
          .where(eq(p.tenants.id, tenant.id))
          .for('update');
        // One table for every host (ADR 0041): a name held by any marketplace, as its platform host
        // or as a custom domain, is taken.
        const [existing] = await db.select().from(p.domains).where(eq(p.domains.hostname, domain));
        if (existing) {
          if (existing.tenantId !== tenant.id || existing.kind !== 'custom')
            throw new AppError('domain_taken', TAKEN_MESSAGE);
          return { row: asCustom(existing), created: false };
        }
        const [{ n } = { n: 0 }] = await db
          .select({ n: count() })
          .from(p.domains)
          .where(and(eq(p.domains.tenantId, tenant.id), isCustom));
        if (n >= MAX_DOMAINS_PER_TENANT)
          throw new AppError(
            'conflict',
            `A marketplace can have at most ${MAX_DOMAINS_PER_TENANT} domains; remove one before adding another`,
          );
        const [row] = await db
          .insert(p.domains)
          .values({
            id: newId('dom'),
            hostname: domain,
            tenantId: tenant.id,
            kind: 'custom',
            status: 'pending',
            verificationToken: `agora-verify-${randomId(24)}`,
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        await recordPlatformDomainAudit(db, actor, 'domain.added', tenant.id, { domain });
        return { row: asCustom(row), created: true };
      },
      async (tx, done) => {
        if (done.created) await recordDomainChange(tx, actor, 'domain.added', done.row.id, { domain });
        return done;
      },
    );
    return { domain: toDomainView(deps.config, result.row), created: result.created };
  } catch (e) {
    // Another marketplace added it between our read and our insert.
    if ((e as { code?: string }).code === '23505') throw new AppError('domain_taken', TAKEN_MESSAGE);
    throw e;
  }
}
