import { randomUUID } from 'node:crypto';
import { hashPassword } from '@agora/core';
import { connectDatabase, platformTables, withTenant } from '@agora/db';

/**
 * Buyers for browser tests, written into the running server's database (global-setup passes
 * its URL): an approved company with a shipping address and members with passwords, so a spec
 * can sign in at /account/sign-in. Also finds published products of two vendors to buy.
 */
// The root workspace has @agora/core and @agora/db but not drizzle-orm or contracts: filters in JS.
const newId = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;

export type E2eMember = { email: string; password: string };

async function onTenant<T>(slug: string, fn: Parameters<typeof withTenant<T>>[2]): Promise<T> {
  const url = process.env.AGORA_E2E_DATABASE_URL;
  if (!url) throw new Error('AGORA_E2E_DATABASE_URL is not set (e2e/global-setup.ts sets it)');
  const database = await connectDatabase(url, { max: 2, applicationName: 'agora-e2e' });
  try {
    const tenant = (
      await database.platform
        .select({
          id: platformTables.tenants.id,
          slug: platformTables.tenants.slug,
          schemaName: platformTables.tenants.schemaName,
        })
        .from(platformTables.tenants)
    ).find((x) => x.slug === slug);
    if (!tenant) throw new Error(`no tenant ${slug}`);
    return await withTenant(database, tenant, fn);
  } finally {
    await database.close();
  }
}

export async function createBuyingCompany(
  slug: string,
  members: {
    role: 'buyer_admin' | 'buyer_member' | 'buyer_approver';
    limitMinor?: number;
    /** The email address not confirmed yet (as after a sign-up with automatic approval). */
    unverified?: boolean;
  }[],
): Promise<E2eMember[]> {
  const companyId = newId('cmp');
  const password = 'buyer-password-1';
  const passwordHash = await hashPassword(password);
  const made = members.map((m) => ({ ...m, id: newId('usr') }));
  await onTenant(slug, async ({ db, t }) => {
    await db.insert(t.companies).values({
      id: companyId,
      legalName: `E2E Buyers ${companyId.slice(-4)} GmbH`,
      country: 'DE',
      taxId: `DE-${companyId}`,
      billingAddress: { line1: 'Street 1', city: 'Berlin', country: 'DE' },
      status: 'approved',
    });
    await db.insert(t.companyAddresses).values({
      id: newId('adr'),
      companyId,
      label: 'Main warehouse',
      address: { line1: 'Dock 4', city: 'Hamburg', postalCode: '20457', country: 'DE' },
    });
    await db.insert(t.users).values(
      made.map((m) => ({
        id: m.id,
        email: `${m.id}@buyers.test`,
        name: `${m.role === 'buyer_approver' ? 'Ada Approver' : 'Bea Buyer'} ${m.id.slice(-3)}`,
        passwordHash,
        role: m.role,
        status: 'active' as const,
        companyId,
        emailVerifiedAt: m.unverified ? null : new Date(),
        spendingLimitMinor: m.limitMinor ?? null,
        spendingPeriod: m.limitMinor === undefined ? null : ('month' as const),
      })),
    );
  });
  return made.map((m) => ({ email: `${m.id}@buyers.test`, password }));
}

/** One published EUR product (id, SKU, minimum order) of each of the first two vendors with some. */
export async function twoVendorsProducts(slug: string) {
  return onTenant(slug, async ({ db, t }) => {
    const vendors = new Map(
      (await db.select({ id: t.vendors.id, status: t.vendors.status }).from(t.vendors)).map((v) => [
        v.id,
        v.status,
      ]),
    );
    const rows = (
      await db
        .select({
          id: t.products.id,
          sku: t.products.sku,
          vendorId: t.products.vendorId,
          minOrderQty: t.products.minOrderQty,
          status: t.products.status,
          currency: t.products.currency,
          trackStock: t.products.trackStock,
        })
        .from(t.products)
    )
      .filter(
        (p) =>
          p.status === 'published' &&
          p.currency === 'EUR' &&
          !p.trackStock &&
          vendors.get(p.vendorId) === 'approved',
      )
      .sort((a, b) => a.vendorId.localeCompare(b.vendorId) || a.id.localeCompare(b.id));
    const first = rows[0];
    const second = rows.find((r) => r.vendorId !== first?.vendorId);
    if (!first || !second) throw new Error(`${slug} has no published products of two vendors`);
    return [first, second] as const;
  });
}
