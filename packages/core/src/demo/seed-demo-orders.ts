import type { OrderStatus } from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords.js';
import { placeCheckout } from '../commerce/place-checkout.js';
import type { Deps } from '../deps.js';
import { addTrackingEvent } from '../orders/add-tracking-event.js';
import {
  acceptOrder,
  cancelOrder,
  completeOrder,
  markOrderDelivered,
  rejectOrder,
} from '../orders/decide-order.js';
import type { OrderScope } from '../orders/order-scope.js';
import { shipOrder } from '../orders/ship-order.js';

/** The demo buyers' password (every demo buyer account), printed by `npm start`. */
export const DEMO_BUYER_PASSWORD = 'buyer-demo-pass';

type Member = {
  key: string;
  role: 'buyer_admin' | 'buyer_member' | 'buyer_approver';
  name: string;
  limit?: number;
};

const MEMBERS: Member[] = [
  { key: 'admin', role: 'buyer_admin', name: 'Ada Admin' },
  { key: 'buyer', role: 'buyer_member', name: 'Bo Buyer', limit: 500_000 },
  { key: 'approver', role: 'buyer_approver', name: 'Alex Approver' },
];

/** Two buyer companies per demo marketplace; member emails are `<key>@<company>.<slug>.test`. */
export const demoCompanies = (slug: string) => [
  {
    id: `cmp_demo_${slug}_1`,
    handle: 'northwind',
    legalName: 'Northwind Manufacturing GmbH',
    country: 'DE',
    taxId: 'DE811234567',
    terms: 'net' as const,
    netDays: 30,
    creditLimitMinor: 20_000_000,
    address: { line1: 'Werkstraße 12', postalCode: '20457', city: 'Hamburg', country: 'DE' },
  },
  {
    id: `cmp_demo_${slug}_2`,
    handle: 'riverside',
    legalName: 'Riverside Facilities Ltd',
    country: 'GB',
    taxId: 'GB123456789',
    terms: 'prepay' as const,
    netDays: 0,
    creditLimitMinor: null,
    address: { line1: '4 Canal Wharf', postalCode: 'M1 2AB', city: 'Manchester', country: 'GB' },
  },
];

export const demoBuyerEmail = (slug: string, handle: string, key: string) => `${key}@${handle}.${slug}.test`;

/** The lifecycle state each demo order is brought to, in this order. */
const STATES: OrderStatus[] = [
  'placed',
  'accepted',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'rejected',
];

/**
 * Buyer companies with members (admin, a buyer with a monthly limit, an approver), addresses,
 * terms, and orders in every state, made through placement and the order transitions, so the
 * consoles and the storefront show a living marketplace. Idempotent: rows have fixed ids, orders
 * fixed idempotency keys, and each transition runs only while the order is still short of its
 * state, so seeding twice adds nothing.
 */
export async function seedDemoOrders(
  deps: Deps,
  tenant: TenantRef & { slug: string },
  currency: string,
  log: (l: string) => void,
): Promise<void> {
  const companies = demoCompanies(tenant.slug);
  const passwordHash = await hashPassword(DEMO_BUYER_PASSWORD);
  const vendorsWithProducts = await withTenant(deps.database, tenant, async ({ db, t }) => {
    // Commerce settings the checkout needs; values an operator already set are kept.
    await db.update(t.settings).set({
      marketplace: sql`jsonb_build_object('currency', ${currency}::text, 'taxBps', 1900, 'timeZone', 'Europe/Berlin') || ${t.settings.marketplace}`,
    });
    for (const c of companies) {
      await db
        .insert(t.companies)
        .values({
          id: c.id,
          legalName: c.legalName,
          country: c.country,
          taxId: c.taxId,
          billingAddress: c.address,
          status: 'approved',
          paymentTerms: c.terms,
          netDays: c.netDays,
          creditLimitMinor: c.creditLimitMinor,
          decidedAt: new Date(),
        })
        .onConflictDoNothing();
      await db
        .insert(t.companyAddresses)
        .values({ id: `${c.id}_adr`, companyId: c.id, label: 'Main warehouse', address: c.address })
        .onConflictDoNothing();
      for (const m of MEMBERS) {
        const email = demoBuyerEmail(tenant.slug, c.handle, m.key);
        const [existing] = await db.select({ id: t.users.id }).from(t.users).where(eq(t.users.email, email));
        if (existing) continue;
        await db.insert(t.users).values({
          id: `usr_demo_${c.handle}_${m.key}_${tenant.slug}`,
          email,
          name: m.name,
          passwordHash,
          role: m.role,
          status: 'active',
          companyId: c.id,
          spendingLimitMinor: m.limit ?? null,
          spendingPeriod: m.limit ? 'month' : null,
          emailVerifiedAt: new Date(),
        });
      }
    }
    // The cheapest published product of each approved vendor (with stock to spare, if tracked).
    const rows = await db
      .select({
        productId: t.products.id,
        vendorId: t.products.vendorId,
        minOrderQty: t.products.minOrderQty,
        stockQty: t.products.stockQty,
        trackStock: t.products.trackStock,
      })
      .from(t.products)
      .innerJoin(t.vendors, eq(t.vendors.id, t.products.vendorId))
      .where(
        and(
          eq(t.products.status, 'published'),
          eq(t.vendors.status, 'approved'),
          eq(t.products.currency, currency),
        ),
      )
      .orderBy(sql`${t.products.basePriceMinor} * ${t.products.minOrderQty}`, asc(t.products.sku));
    const vendorUsers = await db
      .select({ id: t.users.id, vendorId: t.users.vendorId })
      .from(t.users)
      .where(
        and(
          eq(t.users.role, 'vendor_admin'),
          inArray(t.users.vendorId, [...new Set(rows.map((r) => r.vendorId))]),
        ),
      );
    const byVendor = new Map<string, { productId: string; qty: number; userId: string }>();
    for (const r of rows)
      if (!byVendor.has(r.vendorId) && (!r.trackStock || (r.stockQty ?? 0) >= r.minOrderQty * 3)) {
        const user = vendorUsers.find((u) => u.vendorId === r.vendorId);
        if (user) byVendor.set(r.vendorId, { productId: r.productId, qty: r.minOrderQty, userId: user.id });
      }
    return [...byVendor.entries()];
  });
  if (vendorsWithProducts.length === 0) return;

  let made = 0;
  for (const [ci, c] of companies.entries()) {
    const admin = `usr_demo_${c.handle}_admin_${tenant.slug}`;
    const [adminRow] = await withTenant(deps.database, tenant, ({ db, t }) =>
      db
        .select({ id: t.users.id })
        .from(t.users)
        .where(eq(t.users.email, demoBuyerEmail(tenant.slug, c.handle, 'admin'))),
    );
    const buyerId = adminRow?.id ?? admin;
    for (const [si, state] of STATES.entries()) {
      if (ci === 1 && si % 2 === 1) continue; // the second company: fewer orders
      const [vendorId, pick] = vendorsWithProducts[(si + ci) % vendorsWithProducts.length] as [
        string,
        { productId: string; qty: number; userId: string },
      ];
      const vendor: OrderScope = { actor: 'vendor', userId: pick.userId, vendorId };
      const operator: OrderScope = { actor: 'operator', userId: 'demo' };
      await withTenant(deps.database, tenant, async ({ db, t }) => {
        await db.delete(t.cartLines).where(eq(t.cartLines.userId, buyerId));
        await db
          .insert(t.cartLines)
          .values({ userId: buyerId, productId: pick.productId, qty: pick.qty, unitPriceSeenMinor: 0 });
      });
      const placed = await placeCheckout(deps.database, tenant, {
        buyerUserId: buyerId,
        idempotencyKey: `demo-order-${si}`,
        body: { currency, shippingAddressId: `${c.id}_adr`, poNumber: `PO-${1000 + ci * 100 + si}` },
      });
      if (!placed.replayed) made++;
      const orderId = placed.orderIds[0];
      if (!orderId) continue;
      const status = async () =>
        (
          await withTenant(deps.database, tenant, ({ db, t }) =>
            db.select({ s: t.orders.status }).from(t.orders).where(eq(t.orders.id, orderId)),
          )
        )[0]?.s;
      const input = { orderId, scope: vendor };
      if (state === 'rejected' && (await status()) === 'placed')
        await rejectOrder(deps.database, tenant, { ...input, reason: 'This item is discontinued' });
      if (state === 'cancelled' && (await status()) === 'placed')
        await cancelOrder(deps.database, tenant, { orderId, scope: operator, reason: 'Duplicate order' });
      if (['accepted', 'shipped', 'delivered', 'completed'].includes(state) && (await status()) === 'placed')
        await acceptOrder(deps.database, tenant, input);
      if (['shipped', 'delivered', 'completed'].includes(state) && (await status()) === 'accepted') {
        const shipped = await shipOrder(deps.database, tenant, {
          ...input,
          body: {
            carrier: 'DHL',
            trackingNumber: `DEMO${tenant.slug.toUpperCase()}${ci}${si}`,
            lines: [{ lineNo: 1, qty: pick.qty }],
          },
        });
        const shipmentId = shipped.shipments[0]?.id as string;
        for (const [status, location] of [
          ['picked_up', 'Leipzig hub'],
          ['in_transit', 'Hannover'],
        ] as const)
          await addTrackingEvent(deps.database, tenant, { ...input, shipmentId, body: { status, location } });
      }
      if (['delivered', 'completed'].includes(state) && (await status()) === 'shipped')
        await markOrderDelivered(deps.database, tenant, {
          orderId,
          scope: { actor: 'buyer', userId: buyerId, companyId: c.id, wholeCompany: true },
        });
      if (state === 'completed' && (await status()) === 'delivered')
        await completeOrder(deps.database, tenant, input);
    }
  }
  if (made) log(`demo: ${made} orders for ${tenant.slug} (buyers: ${DEMO_BUYER_PASSWORD})`);
}
