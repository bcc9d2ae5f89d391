import { placeCheckout, signToken, tenantAudience } from '@agora/core';
import { withTenant } from '@agora/db';
import { insertCatalog } from '@agora/testing';
import { eq } from 'drizzle-orm';
import type { T } from './catalog-helpers.js';
import type { ApiHarness } from './harness.js';

export type Trade = {
  vendors: { a: string; b: string };
  tokens: {
    vendorA: string;
    vendorB: string;
    operator: string;
    admin: string;
    member: string;
    colleague: string;
    otherCompany: string;
  };
  users: { member: string; colleague: string; otherCompany: string };
  address: string;
  otherAddress: string;
};

const token = (h: ApiHarness, t: T, sub: string, role: string) =>
  signToken(h.config.jwtKeys, { sub, aud: tenantAudience(t.id), role });

/**
 * Two vendors with a product each, two companies (the first with an admin and two members, the
 * second with one member), an operator, and a token for each: the cast of the order tests.
 */
export async function setUpTrade(h: ApiHarness, t: T, prefix: string): Promise<Trade> {
  const a = `ven_${prefix}_a`;
  const b = `ven_${prefix}_b`;
  await insertCatalog(h.runtime.database, t, {
    vendors: [
      { id: a, name: `${prefix} Alpha` },
      { id: b, name: `${prefix} Beta` },
    ],
    products: [
      { id: `prd_${prefix}_a`, vendorId: a, title: 'Drill', basePriceMinor: 10_000, minOrderQty: 1 },
      { id: `prd_${prefix}_b`, vendorId: b, title: 'Bolt', basePriceMinor: 25, minOrderQty: 1 },
    ],
  });
  const u = (s: string) => `usr_${prefix}_${s}`;
  await withTenant(h.runtime.database, t, async ({ db, t: x }) => {
    for (const [cmp, adr] of [
      [`cmp_${prefix}_1`, `adr_${prefix}_1`],
      [`cmp_${prefix}_2`, `adr_${prefix}_2`],
    ] as const) {
      await db.insert(x.companies).values({
        id: cmp,
        legalName: `${cmp} GmbH`,
        country: 'DE',
        taxId: `DE-${cmp}`,
        billingAddress: { line1: 'Street 1', city: 'Berlin' },
        status: 'approved',
      });
      await db
        .insert(x.companyAddresses)
        .values({ id: adr, companyId: cmp, label: 'Main', address: { line1: 'Dock 1' } });
    }
    const users: [string, string, string | null, string | null][] = [
      [u('va'), 'vendor_admin', a, null],
      [u('vb'), 'vendor_staff', b, null],
      [u('op'), 'operator', null, null],
      [u('admin'), 'buyer_admin', null, `cmp_${prefix}_1`],
      [u('member'), 'buyer_member', null, `cmp_${prefix}_1`],
      [u('colleague'), 'buyer_member', null, `cmp_${prefix}_1`],
      [u('other'), 'buyer_member', null, `cmp_${prefix}_2`],
    ];
    await db.insert(x.users).values(
      users.map(([id, role, vendorId, companyId]) => ({
        id,
        email: `${id}@trade.test`,
        name: id,
        role: role as 'buyer_member',
        status: 'active' as const,
        emailVerifiedAt: new Date(),
        vendorId,
        companyId,
      })),
    );
  });
  return {
    vendors: { a, b },
    tokens: {
      vendorA: await token(h, t, u('va'), 'vendor_admin'),
      vendorB: await token(h, t, u('vb'), 'vendor_staff'),
      operator: await token(h, t, u('op'), 'operator'),
      admin: await token(h, t, u('admin'), 'buyer_admin'),
      member: await token(h, t, u('member'), 'buyer_member'),
      colleague: await token(h, t, u('colleague'), 'buyer_member'),
      otherCompany: await token(h, t, u('other'), 'buyer_member'),
    },
    users: { member: u('member'), colleague: u('colleague'), otherCompany: u('other') },
    address: `adr_${prefix}_1`,
    otherAddress: `adr_${prefix}_2`,
  };
}

let keys = 0;
/** Place one order of one product through placement itself (the cart holds just it); its id. */
export async function placeOrder(
  h: ApiHarness,
  t: T,
  userId: string,
  address: string,
  productId: string,
  qty = 2,
): Promise<string> {
  await withTenant(h.runtime.database, t, async ({ db, t: x }) => {
    await db.delete(x.cartLines).where(eq(x.cartLines.userId, userId));
    await db.insert(x.cartLines).values({ userId, productId, qty, unitPriceSeenMinor: 0 });
  });
  const r = await placeCheckout(h.runtime.database, t, {
    buyerUserId: userId,
    idempotencyKey: `order-helper-${++keys}`,
    body: { currency: 'EUR', shippingAddressId: address },
  });
  return r.orderIds[0] as string;
}
