import { type BuyerRole, newId } from '@agora/contracts';
import { withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import type { T } from './catalog-helpers.js';
import { addCompany, buyerToken } from './company-helpers.js';
import type { ApiHarness } from './harness.js';

/**
 * A company that can buy: approved (unless said), its payment terms, one shipping address;
 * `member` adds an active member, with a spending limit if given, and a session token.
 */
export async function addBuyingCompany(
  h: ApiHarness,
  t: T,
  opts: { terms?: 'prepay' | 'net'; creditLimitMinor?: number; status?: 'approved' | 'pending' } = {},
) {
  const id = await addCompany(h, t, `Company ${newId('cmp').slice(-4)}`, opts.status ?? 'approved');
  const addressId = newId('adr');
  await withTenant(h.runtime.database, t, async ({ db, t: tables }) => {
    await db
      .update(tables.companies)
      .set({
        paymentTerms: opts.terms ?? 'prepay',
        netDays: opts.terms === 'net' ? 30 : 0,
        creditLimitMinor: opts.creditLimitMinor ?? null,
      })
      .where(eq(tables.companies.id, id));
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
      const m = await buyerToken(h, t, id, role);
      if (limit)
        await withTenant(h.runtime.database, t, ({ db, t: tables }) =>
          db
            .update(tables.users)
            .set({ spendingLimitMinor: limit[0], spendingPeriod: limit[1] })
            .where(eq(tables.users.id, m.id)),
        );
      return { userId: m.id, token: m.token, email: m.email };
    },
  };
}
