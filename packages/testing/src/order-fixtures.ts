import { type Database, type TenantRef, withTenant } from '@agora/db';

/**
 * Buyer companies and orders written straight into a tenant schema (no placement rules, no
 * ledger postings), for tests of code that reads or books orders: the ledger, reports.
 */
export async function insertCompany(
  database: Database,
  tenant: TenantRef,
  company: {
    id: string;
    name?: string;
    terms?: 'prepay' | 'net';
    netDays?: number;
    buyerUserId?: string;
    /** The id of a shipping address to add (checkouts need one). */
    addressId?: string;
  },
): Promise<{ buyerUserId: string }> {
  const buyerUserId = company.buyerUserId ?? `usr_${company.id}`;
  await withTenant(database, tenant, async ({ db, t }) => {
    await db.insert(t.companies).values({
      id: company.id,
      legalName: company.name ?? `Company ${company.id}`,
      country: 'DE',
      taxId: `DE-${company.id}`,
      billingAddress: { line1: 'Street 1', city: 'Berlin', country: 'DE' },
      status: 'approved',
      paymentTerms: company.terms ?? 'net',
      netDays: company.terms === 'prepay' ? 0 : (company.netDays ?? 30),
    });
    await db.insert(t.users).values({
      id: buyerUserId,
      email: `${buyerUserId}@buyers.test`,
      role: 'buyer_admin',
      status: 'active',
      emailVerifiedAt: new Date(),
      companyId: company.id,
    });
    if (company.addressId)
      await db.insert(t.companyAddresses).values({
        id: company.addressId,
        companyId: company.id,
        label: 'Main',
        address: { line1: 'Dock 4', city: 'Hamburg', country: 'DE' },
      });
  });
  return { buyerUserId };
}

export type FixtureOrder = {
  id: string;
  companyId: string;
  buyerUserId: string;
  vendorId: string;
  productId: string;
  currency?: string;
  subtotalMinor: number;
  taxMinor?: number;
  shippingMinor?: number;
  commissionMinor?: number;
  status?: 'placed' | 'accepted' | 'rejected' | 'shipped' | 'delivered' | 'completed' | 'cancelled';
  paymentTerms?: 'prepay' | 'net';
  netDays?: number;
  placedAt?: Date;
};

/** One order (its own group, one line of quantity 1 carrying the whole subtotal and commission). */
export async function insertOrder(database: Database, tenant: TenantRef, o: FixtureOrder): Promise<void> {
  const taxMinor = o.taxMinor ?? 0;
  const shippingMinor = o.shippingMinor ?? 0;
  const totalMinor = o.subtotalMinor + taxMinor + shippingMinor;
  const currency = o.currency ?? 'EUR';
  const placedAt = o.placedAt ?? new Date();
  await withTenant(database, tenant, async ({ db, t }) => {
    await db.insert(t.orderGroups).values({
      id: `ogr_${o.id}`,
      buyerUserId: o.buyerUserId,
      companyId: o.companyId,
      idempotencyKey: `fixture-${o.id}`,
      status: 'placed',
      currency,
      request: {},
      totalMinor,
      createdAt: placedAt,
    });
    await db.insert(t.orders).values({
      id: o.id,
      groupId: `ogr_${o.id}`,
      vendorId: o.vendorId,
      companyId: o.companyId,
      buyerUserId: o.buyerUserId,
      status: o.status ?? 'placed',
      currency,
      subtotalMinor: o.subtotalMinor,
      taxMinor,
      shippingMinor,
      totalMinor,
      commissionMinor: o.commissionMinor ?? 0,
      paymentTerms: o.paymentTerms ?? 'net',
      netDays: o.netDays ?? (o.paymentTerms === 'prepay' ? 0 : 30),
      shippingAddress: { line1: 'Dock 4', city: 'Hamburg', country: 'DE' },
      placedAt,
      updatedAt: placedAt,
    });
    await db.insert(t.orderLines).values({
      orderId: o.id,
      lineNo: 1,
      productId: o.productId,
      sku: `SKU-${o.productId}`,
      title: 'Fixture line',
      unit: 'piece',
      qty: 1,
      unitPriceMinor: o.subtotalMinor,
      tierMinQty: 1,
      netMinor: o.subtotalMinor,
      taxBps: 0,
      taxMinor,
      commissionMinor: o.commissionMinor ?? 0,
    });
  });
}
