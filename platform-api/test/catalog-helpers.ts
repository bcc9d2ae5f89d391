import { newId } from '@agora/contracts';
import { signToken, tenantAudience } from '@agora/core';
import { withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import type { ApiHarness } from './harness.js';

export type T = { id: string; schemaName: string; slug: string };
export type Role = 'owner' | 'operator' | 'vendor_admin' | 'vendor_staff' | 'buyer_admin';
export const host = (t: T) => `${t.slug}.localhost`;
export const body = async (res: Response) => (await res.json()) as any;

/** A vendor row written straight into the tenant (the vendors feature has its own tests). */
export async function addVendor(
  h: ApiHarness,
  t: T,
  name: string,
  status: 'pending' | 'approved' | 'suspended' = 'approved',
): Promise<string> {
  const id = `ven_${name.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
  await withTenant(h.runtime.database, t, ({ db, t: tables }) =>
    db.insert(tables.vendors).values({
      id,
      name,
      legalName: `${name} Ltd`,
      country: 'DE',
      taxId: `TAX-${id}`,
      contactName: 'Contact',
      contactEmail: `${id}@vendors.test`,
      status,
      verified: status === 'approved',
    }),
  );
  return id;
}

export async function setVendorStatus(
  h: ApiHarness,
  t: T,
  vendorId: string,
  status: 'approved' | 'suspended',
) {
  await withTenant(h.runtime.database, t, ({ db, t: tables }) =>
    db.update(tables.vendors).set({ status }).where(eq(tables.vendors.id, vendorId)),
  );
}

/** An active user of `t` and a session token for them (signed directly: login has its own tests). */
export async function userToken(h: ApiHarness, t: T, role: Role, vendorId?: string): Promise<string> {
  const id = newId('usr');
  await withTenant(h.runtime.database, t, ({ db, t: tables }) =>
    db.insert(tables.users).values({
      id,
      email: `${id}@users.test`,
      role,
      status: 'active',
      vendorId: vendorId ?? null,
    }),
  );
  return signToken(h.config.jwtKeys, { sub: id, aud: tenantAudience(t.id), role });
}

export async function setModeration(h: ApiHarness, t: T, moderateProducts: boolean) {
  await withTenant(h.runtime.database, t, ({ db, t: tables }) =>
    db
      .update(tables.settings)
      .set({ marketplace: { autoApproveVendors: false, moderateProducts } })
      .where(eq(tables.settings.id, 1)),
  );
}

/** A request with a raw body (binary, CSV, multipart), which the harness's JSON helper does not send. */
export const send = (
  h: ApiHarness,
  hostname: string,
  path: string,
  init: { method: string; token?: string; type?: string; body?: BodyInit },
) =>
  Promise.resolve(
    h.api.app.request(path, {
      method: init.method,
      headers: {
        host: hostname,
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.type ? { 'content-type': init.type } : {}),
      },
      body: init.body,
    }),
  );

export const PRODUCT = {
  sku: 'BOLT-M8',
  title: 'Hex bolt M8 x 40',
  description: 'DIN 933, zinc plated',
  unit: 'piece',
  minOrderQty: 100,
  orderIncrement: 50,
  leadTimeDays: 5,
  stockQty: 20000,
  currency: 'EUR',
  basePriceMinor: 12,
  attributes: [
    { name: 'Material', value: 'Steel' },
    { name: 'Thread', value: 'M8' },
  ],
  tiers: [
    { minQty: 100, unitPriceMinor: 12 },
    { minQty: 1000, unitPriceMinor: 10 },
    { minQty: 10000, unitPriceMinor: 8 },
  ],
};
