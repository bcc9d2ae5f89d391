import { AppError, newId, type PaymentTerms, type PlaceCheckoutBody } from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { and, asc, eq, gte, inArray, isNull, lt, notInArray, sql } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import { loadTiers } from '../catalog/products/product-view.js';
import type { FrozenCommission } from '../commission/choose-commission.js';
import { commissionColumns, freezeCommission } from '../commission/freeze-commission.js';
import type { OrderFigures } from '../ledger/accounting.js';
import { postOrdersPlaced } from '../ledger/post-orders.js';
import { emitEvent } from '../outbox/emit-event.js';
import { effectiveTiers, quote, resolveTier, type Tier } from '../pricing/tiers.js';
import { getPlacementSettings } from './commerce-settings.js';
import { emailNotVerified } from './email-not-verified.js';
import { sumAmounts } from './money.js';
import { type LineTotals, type VendorOrderTotals, vendorOrderTotals } from './order-totals.js';
import { allowedQuantities } from './quantity-rules.js';
import { checkSpendingLimit, periodBounds } from './spending-period.js';

/**
 * Checkout and placement (ADR 0033). One transaction places one order group and one order per
 * vendor, all or nothing:
 *
 *   1. the buyer's company row is locked: checkouts of one company run one after the other, so
 *      credit and spending limits are counted against committed orders only (two tabs cannot
 *      both slip under a limit);
 *   2. the idempotency key is looked up under that lock: a retried or concurrent checkout with
 *      the same key returns the group the first one made;
 *   3. lines are priced at their volume tier, checked (published, vendor approved, quantity
 *      rules, currency), totalled per vendor with tax and shipping;
 *   4. credit (net terms) and the member's spending limit are checked; an order over the limit
 *      is not placed but kept for an approver of the company;
 *   5. stock of stock-tracked products is taken with a conditional UPDATE in product id order
 *      (no oversell, no deadlock between checkouts), then orders, lines, audit and events.
 *
 * Commission (ADR 0037): after stock is taken, `freezeCommission` computes each priced line's
 * commission with the rules in force (one query for the checkout) and `place` writes it onto the
 * lines and the order.
 */
export type CheckoutLine = { productId: string; qty: number };

export type CheckoutResult = {
  groupId: string;
  status: 'placed' | 'awaiting_approval' | 'declined';
  currency: string;
  totalMinor: number;
  orderIds: string[];
  /** True when this call found the group an earlier call with the same key made. */
  replayed: boolean;
};

type Buyer = {
  id: string;
  companyId: string;
  spendingLimitMinor: number | null;
  spendingPeriod: string | null;
};
type Company = { id: string; paymentTerms: PaymentTerms; netDays: number; creditLimitMinor: number | null };

/** What a checkout asks for, kept on an order group waiting for approval. */
type CheckoutRequest = { lines: CheckoutLine[]; body: PlaceCheckoutBody };

const BUYER_ROLES = ['buyer_admin', 'buyer_member', 'buyer_approver'] as const;
const APPROVER_ROLES = ['buyer_admin', 'buyer_approver'] as const;
/** Orders that count against limits and credit: everything not called off. */
const CALLED_OFF = ['cancelled', 'rejected'] as const;

async function loadBuyer({ db, t }: TenantTx, userId: string): Promise<Buyer & { role: string }> {
  const [user] = await db
    .select({
      id: t.users.id,
      role: t.users.role,
      status: t.users.status,
      companyId: t.users.companyId,
      spendingLimitMinor: t.users.spendingLimitMinor,
      spendingPeriod: t.users.spendingPeriod,
      emailVerifiedAt: t.users.emailVerifiedAt,
    })
    .from(t.users)
    .where(eq(t.users.id, userId));
  if (user?.status !== 'active' || !user.companyId || !(BUYER_ROLES as readonly string[]).includes(user.role))
    throw new AppError('forbidden', 'Only members of an approved buyer company can place orders');
  // An automatically approved company can trade at once: its people must still own their email.
  if (!user.emailVerifiedAt) throw emailNotVerified();
  const { emailVerifiedAt: _verified, ...buyer } = user;
  return { ...buyer, companyId: user.companyId };
}

/** Lock the company for the rest of the transaction; it must be approved to trade. */
async function lockCompany({ db, t }: TenantTx, companyId: string): Promise<Company> {
  const [company] = await db
    .select({
      id: t.companies.id,
      status: t.companies.status,
      paymentTerms: t.companies.paymentTerms,
      netDays: t.companies.netDays,
      creditLimitMinor: t.companies.creditLimitMinor,
    })
    .from(t.companies)
    .where(eq(t.companies.id, companyId))
    .for('update');
  if (company?.status !== 'approved')
    throw new AppError('forbidden', 'Your company account is not approved for ordering yet');
  return company;
}

async function findGroup(tx: TenantTx, buyerUserId: string, idempotencyKey: string) {
  const { db, t } = tx;
  const [group] = await db
    .select()
    .from(t.orderGroups)
    .where(and(eq(t.orderGroups.buyerUserId, buyerUserId), eq(t.orderGroups.idempotencyKey, idempotencyKey)));
  if (!group) return null;
  const orders = await db
    .select({ id: t.orders.id })
    .from(t.orders)
    .where(eq(t.orders.groupId, group.id))
    .orderBy(asc(t.orders.id));
  return {
    groupId: group.id,
    status: group.status,
    currency: group.currency,
    totalMinor: group.totalMinor,
    orderIds: orders.map((o) => o.id),
    replayed: true,
  } satisfies CheckoutResult;
}

/** A line as it will be frozen on the order: price, tier, tax, and what it was. */
type OrderLineDraft = LineTotals & {
  sku: string;
  title: string;
  unit: string;
  tierMinQty: number;
  trackStock: boolean;
  /** The product's category path, for commission rules by category. */
  categoryPath: string | null;
};
type PricedVendorOrder = Omit<VendorOrderTotals, 'lines'> & { vendorId: string; lines: OrderLineDraft[] };

/** Price and check lines; every problem is reported at once, by product. */
export async function priceLines(tx: TenantTx, lines: CheckoutLine[], currency: string, taxBps: number) {
  const { db, t } = tx;
  const ids = [...new Set(lines.map((l) => l.productId))];
  if (ids.length === 0) throw new AppError('validation_failed', `There is nothing in ${currency} to order`);
  const products = await db
    .select({
      id: t.products.id,
      vendorId: t.products.vendorId,
      sku: t.products.sku,
      title: t.products.title,
      unit: t.products.unit,
      status: t.products.status,
      currency: t.products.currency,
      minOrderQty: t.products.minOrderQty,
      orderIncrement: t.products.orderIncrement,
      basePriceMinor: t.products.basePriceMinor,
      trackStock: t.products.trackStock,
      vendorStatus: t.vendors.status,
      shippingRates: t.vendors.shippingRates,
      categoryPath: t.categories.path,
    })
    .from(t.products)
    .innerJoin(t.vendors, eq(t.vendors.id, t.products.vendorId))
    .leftJoin(t.categories, eq(t.categories.id, t.products.categoryId))
    .where(inArray(t.products.id, ids));
  const tiers = await loadTiers(tx, ids);
  const byId = new Map(products.map((p) => [p.id, p]));

  const problems: { productId: string; message: string }[] = [];
  const byVendor = new Map<string, OrderLineDraft[]>();
  for (const line of lines) {
    const p = byId.get(line.productId);
    const problem = (message: string) => problems.push({ productId: line.productId, message });
    if (p?.status !== 'published') {
      problem('is no longer available');
      continue;
    }
    if (p.vendorStatus !== 'approved') {
      problem('is not sold at the moment: its vendor is not trading');
      continue;
    }
    if (p.currency !== currency) {
      problem(`is priced in ${p.currency}, not ${currency}`);
      continue;
    }
    const priced = { ...p, tiers: tiers.get(p.id) ?? [] };
    const q = quote(priced, line.qty);
    if (!q.ok) {
      problem(`can be ordered ${allowedQuantities(p)}`);
      continue;
    }
    const tier = resolveTier(effectiveTiers(priced), line.qty) as Tier;
    const group = byVendor.get(p.vendorId) ?? [];
    byVendor.set(p.vendorId, group);
    group.push({
      productId: p.id,
      qty: line.qty,
      unitPriceMinor: q.unitPriceMinor,
      netMinor: 0,
      taxMinor: 0,
      sku: p.sku,
      title: p.title,
      unit: p.unit,
      tierMinQty: tier.minQty,
      trackStock: p.trackStock,
      categoryPath: p.categoryPath,
    });
  }
  if (problems.length)
    throw new AppError('cart_changed', 'Some lines cannot be ordered as they are; review your cart', {
      lines: problems,
    });

  const orders: PricedVendorOrder[] = [...byVendor.entries()].map(([vendorId, vendorLines]) => {
    const rate = byId.get(vendorLines[0]?.productId as string)?.shippingRates[currency];
    const totals = vendorOrderTotals(vendorLines, { taxBps, shipping: rate });
    return {
      ...totals,
      vendorId,
      lines: totals.lines.map((l, i) => ({
        ...(vendorLines[i] as PricedVendorOrder['lines'][number]),
        ...l,
      })),
    };
  });
  return orders;
}

/** Open invoices: net-terms orders not paid and not called off. */
async function openCreditMinor({ db, t }: TenantTx, companyId: string): Promise<number> {
  const [row] = await db
    .select({ sum: sql<string>`coalesce(sum(${t.orders.totalMinor}), 0)` })
    .from(t.orders)
    .where(
      and(
        eq(t.orders.companyId, companyId),
        eq(t.orders.paymentTerms, 'net'),
        isNull(t.orders.paidAt),
        notInArray(t.orders.status, [...CALLED_OFF]),
      ),
    );
  return Number(row?.sum ?? 0);
}

/** What the member spent for this company in the period around `now`: orders placed in it, not called off. */
async function spentInPeriodMinor(
  { db, t }: TenantTx,
  buyer: { userId: string; companyId: string },
  currency: string,
  bounds: { start: Date; end: Date },
): Promise<number> {
  const [row] = await db
    .select({ sum: sql<string>`coalesce(sum(${t.orders.totalMinor}), 0)` })
    .from(t.orders)
    .where(
      and(
        eq(t.orders.buyerUserId, buyer.userId),
        // A member removed and invited into another company starts afresh there.
        eq(t.orders.companyId, buyer.companyId),
        eq(t.orders.currency, currency),
        gte(t.orders.placedAt, bounds.start),
        lt(t.orders.placedAt, bounds.end),
        notInArray(t.orders.status, [...CALLED_OFF]),
      ),
    );
  return Number(row?.sum ?? 0);
}

/**
 * Take stock for stock-tracked products, in product id order; any shortfall fails the whole
 * checkout. Made-to-order products are not written at all (a write would also invalidate the
 * search cache, ADR 0020).
 */
async function takeStock({ db, t }: TenantTx, orders: PricedVendorOrder[]): Promise<void> {
  const wanted = new Map<string, number>();
  for (const o of orders)
    for (const l of o.lines)
      if (l.trackStock) wanted.set(l.productId, (wanted.get(l.productId) ?? 0) + l.qty);
  const short: { productId: string; available: number; wanted: number }[] = [];
  for (const productId of [...wanted.keys()].sort()) {
    const qty = wanted.get(productId) as number;
    const taken = await db
      .update(t.products)
      .set({ stockQty: sql`${t.products.stockQty} - ${qty}` })
      .where(and(eq(t.products.id, productId), gte(t.products.stockQty, qty)))
      .returning({ id: t.products.id });
    if (taken.length === 0) {
      const [p] = await db
        .select({ stockQty: t.products.stockQty })
        .from(t.products)
        .where(eq(t.products.id, productId));
      short.push({ productId, available: p?.stockQty ?? 0, wanted: qty });
    }
  }
  if (short.length) {
    const list = short.map((s) => `${s.available} left of ${s.wanted} wanted`).join('; ');
    throw new AppError('out_of_stock', `Not enough stock: ${list}`, { lines: short });
  }
}

type Placement = {
  buyer: Buyer;
  company: Company;
  request: CheckoutRequest;
  idempotencyKey: string;
  actorUserId: string;
  /** Over-limit orders wait for approval; an approver's decision places them regardless. */
  enforceSpendingLimit: boolean;
  /** The group waiting for approval that this placement fulfils, if any. */
  approvedGroupId?: string;
  now: Date;
};

/** Price, check and place (or park for approval) inside the caller's transaction. */
async function place(tx: TenantTx, p: Placement): Promise<CheckoutResult> {
  const { db, t } = tx;
  const { body } = p.request;
  const { settings, commissionVersion } = await getPlacementSettings(tx);
  const orders = await priceLines(tx, p.request.lines, body.currency, settings.taxBps);
  const totalMinor = sumAmounts(orders.map((o) => o.totalMinor));

  if (body.expectedTotalMinor !== undefined && body.expectedTotalMinor !== totalMinor)
    throw new AppError(
      'cart_changed',
      'Prices changed since you looked: review the new total before ordering',
      {
        expectedTotalMinor: body.expectedTotalMinor,
        totalMinor,
      },
    );

  const [address] = await db
    .select({ address: t.companyAddresses.address })
    .from(t.companyAddresses)
    .where(
      and(eq(t.companyAddresses.id, body.shippingAddressId), eq(t.companyAddresses.companyId, p.company.id)),
    );
  if (!address)
    throw new AppError('validation_failed', 'Choose one of your company’s shipping addresses', {
      fields: [{ path: 'shippingAddressId', message: 'is not one of your company’s addresses' }],
    });

  if (p.company.paymentTerms === 'net' && p.company.creditLimitMinor !== null) {
    const open = await openCreditMinor(tx, p.company.id);
    if (open + totalMinor > p.company.creditLimitMinor)
      throw new AppError('credit_limit_exceeded', 'This order is beyond your company’s available credit', {
        creditLimitMinor: p.company.creditLimitMinor,
        openMinor: open,
        availableMinor: Math.max(0, p.company.creditLimitMinor - open),
        orderMinor: totalMinor,
      });
  }

  const groupId = p.approvedGroupId ?? newId('ogr');
  if (p.enforceSpendingLimit && p.buyer.spendingLimitMinor !== null && p.buyer.spendingPeriod) {
    // Limits are set in the marketplace currency; an order in another currency cannot be
    // counted against one and always goes to an approver.
    const period = p.buyer.spendingPeriod as 'week' | 'month' | 'quarter';
    const decision =
      body.currency === settings.currency
        ? checkSpendingLimit(
            p.buyer.spendingLimitMinor,
            await spentInPeriodMinor(
              tx,
              { userId: p.buyer.id, companyId: p.company.id },
              body.currency,
              periodBounds(period, p.now, settings.timeZone),
            ),
            totalMinor,
          )
        : { ok: false as const };
    if (!decision.ok) {
      await db.insert(t.orderGroups).values({
        id: groupId,
        buyerUserId: p.buyer.id,
        companyId: p.company.id,
        idempotencyKey: p.idempotencyKey,
        status: 'awaiting_approval',
        currency: body.currency,
        request: p.request,
        totalMinor,
        createdAt: p.now,
      });
      await recordTenantAudit(tx, {
        actorUserId: p.actorUserId,
        action: 'checkout.approval_requested',
        subjectType: 'order_group',
        subjectId: groupId,
        data: { totalMinor, currency: body.currency, limit: decision },
      });
      await emitEvent(tx, 'checkout.approval_requested', { groupId, companyId: p.company.id });
      return {
        groupId,
        status: 'awaiting_approval',
        currency: body.currency,
        totalMinor,
        orderIds: [],
        replayed: false,
      };
    }
  }

  // Commission is frozen on each line at placement (ADR 0037); later rule edits never change it.
  const commission = await freezeCommission(tx, orders, body.currency, p.now, commissionVersion);
  if (p.approvedGroupId) {
    await db
      .update(t.orderGroups)
      .set({ status: 'placed', totalMinor, decidedByUserId: p.actorUserId, decidedAt: p.now })
      .where(eq(t.orderGroups.id, groupId));
  } else {
    await db.insert(t.orderGroups).values({
      id: groupId,
      buyerUserId: p.buyer.id,
      companyId: p.company.id,
      idempotencyKey: p.idempotencyKey,
      status: 'placed',
      currency: body.currency,
      request: p.request,
      totalMinor,
      createdAt: p.now,
    });
  }
  // One statement for the orders and one for all their lines: round trips are most of a
  // checkout's cost, and every one of them is time the company's lock is held.
  const placed = orders.map((o, index) => {
    const frozen = commission[index];
    if (frozen?.lines.length !== o.lines.length)
      throw new Error('freezeCommission: one result per order and line');
    // What the ledger books for the order, exactly as the order row stores it.
    const figures: OrderFigures & { placedAt: Date } = {
      orderId: newId('ord'),
      companyId: p.company.id,
      vendorId: o.vendorId,
      currency: body.currency,
      subtotalMinor: o.subtotalMinor,
      taxMinor: o.taxMinor,
      shippingMinor: o.shippingMinor,
      totalMinor: o.totalMinor,
      commissionMinor: frozen.totalMinor,
      placedAt: p.now,
    };
    return { o, orderId: figures.orderId, frozen, figures };
  });
  const orderIds = placed.map((x) => x.orderId);
  await db.insert(t.orders).values(
    placed.map(({ o, figures: { orderId, ...figures } }) => ({
      ...figures,
      id: orderId,
      groupId,
      buyerUserId: p.buyer.id,
      status: 'placed' as const,
      paymentTerms: p.company.paymentTerms,
      netDays: p.company.paymentTerms === 'net' ? p.company.netDays : 0,
      shippingAddress: address.address,
      poNumber: body.poNumber || null,
      note: body.notes?.[o.vendorId] ?? '',
      updatedAt: p.now,
    })),
  );
  for (const { o, orderId } of placed)
    await emitEvent(tx, 'order.placed', { orderId, groupId, vendorId: o.vendorId });
  await recordTenantAudit(tx, {
    actorUserId: p.actorUserId,
    action: 'checkout.placed',
    subjectType: 'order_group',
    subjectId: groupId,
    data: { orderIds, totalMinor, currency: body.currency },
  });
  await emitEvent(tx, 'checkout.placed', { groupId, approved: p.approvedGroupId !== undefined });
  // Stock near the end: its row locks (every buyer of a product queues on them) are held only
  // until the commit that follows; a shortfall still rolls back everything above.
  await takeStock(tx, orders);
  // The last statement writes the lines and books the orders in the ledger as placed, with their
  // frozen commission (ADR 0038): one round trip, and the shared accounts the posting locks
  // (vendor payables, commission, tax) are held only until the commit that follows.
  const lines = db.insert(t.orderLines).values(
    placed.flatMap(({ o, orderId, frozen }) =>
      o.lines.map((l, i) => ({
        orderId,
        lineNo: i + 1,
        productId: l.productId,
        sku: l.sku,
        title: l.title,
        unit: l.unit,
        qty: l.qty,
        unitPriceMinor: l.unitPriceMinor,
        tierMinQty: l.tierMinQty,
        netMinor: l.netMinor,
        taxBps: settings.taxBps,
        taxMinor: l.taxMinor,
        stockTaken: l.trackStock,
        ...commissionColumns(frozen.lines[i] as FrozenCommission),
      })),
    ),
  );
  await postOrdersPlaced(
    tx,
    placed.map((x) => x.figures),
    lines,
  );
  orderIds.sort();
  return { groupId, status: 'placed', currency: body.currency, totalMinor, orderIds, replayed: false };
}

/**
 * Check out the buyer's cart lines in one currency. Retrying with the same idempotency key, at
 * once or concurrently, returns the first call's group and places nothing new.
 */
export async function placeCheckout(
  database: Database,
  tenant: TenantRef,
  input: { buyerUserId: string; idempotencyKey: string; body: PlaceCheckoutBody; now?: Date },
): Promise<CheckoutResult> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const buyer = await loadBuyer(tx, input.buyerUserId);
    const company = await lockCompany(tx, buyer.companyId);
    const earlier = await findGroup(tx, buyer.id, input.idempotencyKey);
    if (earlier) return earlier;

    const cart = await db
      .select({ productId: t.cartLines.productId, qty: t.cartLines.qty })
      .from(t.cartLines)
      .innerJoin(t.products, eq(t.products.id, t.cartLines.productId))
      .where(and(eq(t.cartLines.userId, buyer.id), eq(t.products.currency, input.body.currency)))
      .orderBy(asc(t.cartLines.addedAt), asc(t.cartLines.productId));
    // The lines become an order or a request for approval: either way, out of the cart (before
    // placing, so that placement's stock locks are the last thing before the commit; a failed
    // placement rolls this back with the rest).
    if (cart.length)
      await db.delete(t.cartLines).where(
        and(
          eq(t.cartLines.userId, buyer.id),
          inArray(
            t.cartLines.productId,
            cart.map((l) => l.productId),
          ),
        ),
      );
    return place(tx, {
      buyer,
      company,
      request: { lines: cart, body: input.body },
      idempotencyKey: input.idempotencyKey,
      actorUserId: buyer.id,
      enforceSpendingLimit: true,
      now: input.now ?? new Date(),
    });
  });
}

/**
 * An approver (or admin) of the buyer's company decides on an order waiting for approval.
 * Approving places it as it was asked for, with prices, stock and credit checked again;
 * declining keeps nothing but the decision.
 */
export async function decideCheckoutApproval(
  database: Database,
  tenant: TenantRef,
  input: { approverUserId: string; groupId: string; approve: boolean; reason?: string; now?: Date },
): Promise<CheckoutResult> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const approver = await loadBuyer(tx, input.approverUserId);
    if (!(APPROVER_ROLES as readonly string[]).includes(approver.role))
      throw new AppError('forbidden', 'Only an approver or an administrator of the company can decide');
    const company = await lockCompany(tx, approver.companyId);
    const [group] = await db
      .select()
      .from(t.orderGroups)
      .where(and(eq(t.orderGroups.id, input.groupId), eq(t.orderGroups.companyId, company.id)))
      .for('update');
    if (!group) throw new AppError('not_found', 'No such order waiting for approval');
    if (group.status !== 'awaiting_approval') {
      const found = await findGroup(tx, group.buyerUserId, group.idempotencyKey);
      if (found && found.status === (input.approve ? 'placed' : 'declined')) return found; // a repeated decision
      throw new AppError('invalid_state', `This order was already ${group.status.replace('_', ' ')}`);
    }
    const now = input.now ?? new Date();
    if (!input.approve) {
      await db
        .update(t.orderGroups)
        .set({
          status: 'declined',
          decidedByUserId: approver.id,
          decidedAt: now,
          decisionReason: input.reason ?? null,
        })
        .where(eq(t.orderGroups.id, group.id));
      await recordTenantAudit(tx, {
        actorUserId: approver.id,
        action: 'checkout.declined',
        subjectType: 'order_group',
        subjectId: group.id,
        data: { reason: input.reason ?? null },
      });
      await emitEvent(tx, 'checkout.declined', {
        groupId: group.id,
        buyerUserId: group.buyerUserId,
        ...(input.reason ? { reason: input.reason } : {}),
      });
      return {
        groupId: group.id,
        status: 'declined',
        currency: group.currency,
        totalMinor: group.totalMinor,
        orderIds: [],
        replayed: false,
      };
    }
    const buyer = await loadBuyer(tx, group.buyerUserId).catch(() => {
      throw new AppError('invalid_state', 'The member who asked for this order can no longer order');
    });
    return place(tx, {
      buyer,
      company,
      request: group.request as CheckoutRequest,
      idempotencyKey: group.idempotencyKey,
      actorUserId: approver.id,
      enforceSpendingLimit: false,
      approvedGroupId: group.id,
      now,
    });
  });
}
