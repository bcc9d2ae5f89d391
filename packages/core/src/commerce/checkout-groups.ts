import {
  AppError,
  type CheckoutGroup,
  type CheckoutGroupSummary,
  type CheckoutListQuery,
} from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { loadTiers } from '../catalog/products/product-view.js';
import { CURSOR_TIME, decodeTimeCursor, encodeCursor } from '../keyset-cursor.js';
import { unitPriceAt } from './cart-view.js';

/**
 * Order groups (checkouts) as buyers and approvers see them: a member's own checkouts (placed,
 * waiting, declined), the company's queue for approvers, and one checkout in detail.
 */

export type Viewer = { userId: string; companyId: string; role: string };
const APPROVERS = ['buyer_admin', 'buyer_approver'];

type StoredRequest = {
  lines: { productId: string; qty: number }[];
  body: { poNumber?: string; shippingAddressId: string };
};

async function groupPage(
  tx: TenantTx,
  filters: SQL[],
  query: CheckoutListQuery,
): Promise<{ data: CheckoutGroupSummary[]; nextCursor: string | null }> {
  const { db, t } = tx;
  const g = t.orderGroups;
  if (query.cursor) {
    const [at, id] = decodeTimeCursor(query.cursor);
    filters.push(sql`(${g.createdAt}, ${g.id}) < (${at}::timestamptz, ${id})`);
  }
  const rows = await db
    .select({
      id: g.id,
      status: g.status,
      currency: g.currency,
      totalMinor: g.totalMinor,
      buyerId: t.users.id,
      buyerName: t.users.name,
      buyerEmail: t.users.email,
      lineCount: sql<number>`coalesce(jsonb_array_length(${g.request}->'lines'), 0)`.mapWith(Number),
      createdAt: g.createdAt,
      decidedAt: g.decidedAt,
      decisionReason: g.decisionReason,
      cursorAt: sql<string>`to_char(${g.createdAt} at time zone 'UTC', ${sql.raw(CURSOR_TIME)})`,
    })
    .from(g)
    .innerJoin(t.users, eq(t.users.id, g.buyerUserId))
    .where(and(...filters))
    .orderBy(desc(g.createdAt), desc(g.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((r) => ({
      id: r.id,
      status: r.status,
      currency: r.currency,
      totalMinor: r.totalMinor,
      buyer: { id: r.buyerId, name: r.buyerName, email: r.buyerEmail },
      lineCount: r.lineCount,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decisionReason: r.decisionReason,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
  };
}

/** The member's own checkouts, newest first (`status` filters). */
export async function listMyCheckouts(
  database: Database,
  tenant: TenantRef,
  viewer: Pick<Viewer, 'userId'>,
  query: CheckoutListQuery,
) {
  return withTenant(database, tenant, (tx) => {
    const filters: SQL[] = [eq(tx.t.orderGroups.buyerUserId, viewer.userId)];
    if (query.status) filters.push(eq(tx.t.orderGroups.status, query.status));
    return groupPage(tx, filters, query);
  });
}

/** An approver's queue: the company's checkouts waiting for a decision (or `status`), newest first. */
export async function listApprovals(
  database: Database,
  tenant: TenantRef,
  viewer: Pick<Viewer, 'companyId'>,
  query: CheckoutListQuery,
) {
  return withTenant(database, tenant, (tx) =>
    groupPage(
      tx,
      [
        eq(tx.t.orderGroups.companyId, viewer.companyId),
        eq(tx.t.orderGroups.status, query.status ?? 'awaiting_approval'),
      ],
      query,
    ),
  );
}

/**
 * One checkout: its member sees it, and so do the company's approvers and admins; anyone else
 * gets a 404 (another company's ids say nothing).
 */
export async function getCheckout(
  database: Database,
  tenant: TenantRef,
  viewer: Viewer,
  groupId: string,
): Promise<CheckoutGroup> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const g = t.orderGroups;
    const decider = alias(t.users, 'decider');
    const [row] = await db
      .select({
        group: g,
        buyer: { id: t.users.id, name: t.users.name, email: t.users.email },
        decider: { id: decider.id, name: decider.name, email: decider.email },
      })
      .from(g)
      .innerJoin(t.users, eq(t.users.id, g.buyerUserId))
      .leftJoin(decider, eq(decider.id, g.decidedByUserId))
      .where(and(eq(g.id, groupId), eq(g.companyId, viewer.companyId)));
    if (!row || (row.group.buyerUserId !== viewer.userId && !APPROVERS.includes(viewer.role)))
      throw new AppError('not_found', 'No such checkout in your company');
    const { group } = row;
    const request = group.request as StoredRequest;

    const orders = await db
      .select({
        id: t.orders.id,
        vendorId: t.vendors.id,
        vendorName: t.vendors.name,
        status: t.orders.status,
        subtotalMinor: t.orders.subtotalMinor,
        taxMinor: t.orders.taxMinor,
        shippingMinor: t.orders.shippingMinor,
        totalMinor: t.orders.totalMinor,
        shippingAddress: t.orders.shippingAddress,
      })
      .from(t.orders)
      .innerJoin(t.vendors, eq(t.vendors.id, t.orders.vendorId))
      .where(eq(t.orders.groupId, group.id))
      .orderBy(asc(t.vendors.name), asc(t.orders.id));

    let lines: CheckoutGroup['lines'];
    let shippingAddress: Record<string, string> | null = orders[0]?.shippingAddress ?? null;
    if (orders.length) {
      const rows = await db
        .select({
          productId: t.orderLines.productId,
          sku: t.orderLines.sku,
          title: t.orderLines.title,
          qty: t.orderLines.qty,
          unitPriceMinor: t.orderLines.unitPriceMinor,
          orderId: t.orderLines.orderId,
        })
        .from(t.orderLines)
        .where(
          inArray(
            t.orderLines.orderId,
            orders.map((o) => o.id),
          ),
        )
        .orderBy(asc(t.orderLines.orderId), asc(t.orderLines.lineNo));
      const vendorOf = new Map(orders.map((o) => [o.id, { id: o.vendorId, name: o.vendorName }]));
      lines = rows.map(({ orderId, ...l }) => ({
        ...l,
        vendor: vendorOf.get(orderId) as { id: string; name: string },
      }));
    } else {
      const ids = request.lines.map((l) => l.productId);
      const products = ids.length
        ? await db
            .select({
              id: t.products.id,
              sku: t.products.sku,
              title: t.products.title,
              vendorId: t.vendors.id,
              vendorName: t.vendors.name,
              minOrderQty: t.products.minOrderQty,
              orderIncrement: t.products.orderIncrement,
              basePriceMinor: t.products.basePriceMinor,
            })
            .from(t.products)
            .innerJoin(t.vendors, eq(t.vendors.id, t.products.vendorId))
            .where(inArray(t.products.id, ids))
        : [];
      const tiers = await loadTiers(tx, ids);
      const byId = new Map(products.map((p) => [p.id, p]));
      lines = request.lines.map((l) => {
        const p = byId.get(l.productId);
        return {
          productId: l.productId,
          sku: p?.sku ?? '',
          title: p?.title ?? 'A product no longer listed',
          vendor: { id: p?.vendorId ?? '', name: p?.vendorName ?? '' },
          qty: l.qty,
          unitPriceMinor: p ? unitPriceAt({ ...p, tiers: tiers.get(p.id) ?? [] }, l.qty) : null,
        };
      });
      const [address] = await db
        .select({ address: t.companyAddresses.address })
        .from(t.companyAddresses)
        .where(
          and(
            eq(t.companyAddresses.id, request.body.shippingAddressId),
            eq(t.companyAddresses.companyId, viewer.companyId),
          ),
        );
      shippingAddress = address?.address ?? null;
    }
    return {
      id: group.id,
      status: group.status,
      currency: group.currency,
      totalMinor: group.totalMinor,
      buyer: row.buyer,
      lineCount: request.lines.length,
      createdAt: group.createdAt.toISOString(),
      decidedAt: group.decidedAt?.toISOString() ?? null,
      decisionReason: group.decisionReason,
      poNumber: request.body.poNumber || null,
      shippingAddress,
      decidedBy: row.decider?.id ? row.decider : null,
      lines,
      orders: orders.map(({ vendorId, vendorName, shippingAddress: _a, ...o }) => ({
        ...o,
        vendor: { id: vendorId, name: vendorName },
      })),
    };
  });
}
