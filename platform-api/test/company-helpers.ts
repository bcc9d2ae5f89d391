import { type BuyerRole, type CompanyStatus, newId } from '@agora/contracts';
import { signToken, tenantAudience } from '@agora/core';
import { withTenant } from '@agora/db';
import type { T } from './catalog-helpers.js';
import type { ApiHarness } from './harness.js';

/** A buyer company written straight into the tenant (sign-up has its own tests). */
export async function addCompany(
  h: ApiHarness,
  t: T,
  legalName: string,
  status: CompanyStatus = 'approved',
): Promise<string> {
  const id = newId('cmp');
  await withTenant(h.runtime.database, t, ({ db, t: tables }) =>
    db.insert(tables.companies).values({
      id,
      legalName,
      country: 'DE',
      taxId: `DE-${id}`,
      billingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
      status,
    }),
  );
  return id;
}

/** An active member of `companyId` and a session token for them. */
export async function buyerToken(
  h: ApiHarness,
  t: T,
  companyId: string,
  role: BuyerRole = 'buyer_admin',
  extra: { email?: string; name?: string } = {},
): Promise<{ id: string; token: string; email: string }> {
  const id = newId('usr');
  const email = extra.email ?? `${id}@buyers.test`;
  await withTenant(h.runtime.database, t, ({ db, t: tables }) =>
    db.insert(tables.users).values({
      id,
      email,
      name: extra.name ?? 'Bea Buyer',
      role,
      status: 'active',
      companyId,
      emailVerifiedAt: new Date(),
    }),
  );
  return {
    id,
    email,
    token: await signToken(h.config.jwtKeys, { sub: id, aud: tenantAudience(t.id), role, sv: 0 }),
  };
}
