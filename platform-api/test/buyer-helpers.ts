import { newId } from '@agora/contracts';
import { signToken, tenantAudience } from '@agora/core';
import { withTenant } from '@agora/db';
import type { T } from './catalog-helpers.js';
import type { ApiHarness } from './harness.js';

export type BuyerRole = 'buyer_admin' | 'buyer_member' | 'buyer_approver';

/**
 * A buyer company written straight into the tenant (company sign-up has its own tests), with
 * one shipping address; `member` adds an active member and returns a session token for them.
 */
export async function addCompany(
  h: ApiHarness,
  t: T,
  opts: { terms?: 'prepay' | 'net'; creditLimitMinor?: number; status?: 'approved' | 'pending' } = {},
) {
  const id = newId('cmp');
  const addressId = newId('adr');
  await withTenant(h.runtime.database, t, async ({ db, t: tables }) => {
    await db.insert(tables.companies).values({
      id,
      legalName: `Company ${id.slice(-4)}`,
      country: 'DE',
      taxId: `DE-${id}`,
      billingAddress: { line1: 'Street 1', city: 'Berlin', country: 'DE' },
      status: opts.status ?? 'approved',
      paymentTerms: opts.terms ?? 'prepay',
      netDays: opts.terms === 'net' ? 30 : 0,
      creditLimitMinor: opts.creditLimitMinor ?? null,
    });
    await db.insert(tables.companyAddresses).values({
      id: addressId,
      companyId: id,
      label: 'Main warehouse',
      address: { line1: 'Dock 4', city: 'Hamburg', postalCode: '20457', country: 'DE' },
    });
  });
  return {
    id,
    addressId,
    async member(role: BuyerRole, limit?: [number, 'week' | 'month' | 'quarter']) {
      const userId = newId('usr');
      await withTenant(h.runtime.database, t, ({ db, t: tables }) =>
        db.insert(tables.users).values({
          id: userId,
          email: `${userId}@buyers.test`,
          name: `Member ${userId.slice(-4)}`,
          role,
          status: 'active',
          companyId: id,
          spendingLimitMinor: limit?.[0] ?? null,
          spendingPeriod: limit?.[1] ?? null,
        }),
      );
      const token = await signToken(h.config.jwtKeys, { sub: userId, aud: tenantAudience(t.id), role });
      return { userId, token };
    },
  };
}
