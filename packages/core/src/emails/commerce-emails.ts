import { OUTBOX_EVENTS } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { and, asc, eq } from 'drizzle-orm';
import { formatAmount } from '../commerce/money.js';
import { type Message, recipients, toEach } from './recipients.js';
import { type EmailContent, layout } from './templates.js';

/**
 * Emails of checkouts and orders (ADR 0035), built when the event's job runs from what the
 * tenant holds then: the buyer's confirmation, each vendor's new order (to its administrators),
 * the approvers' request, the buyer's "declined" notice. Amounts in the order's currency.
 */

export type CommerceEmailContext = { tx: TenantTx; origin: string; marketName: string };
const content = (subject: string, lines: string[], link: { href: string; label: string }): EmailContent => ({
  subject,
  text: `${lines.join('\n\n')}\n\n${link.href}\n`,
  html: layout(lines, link),
});

async function groupOrders({ db, t }: TenantTx, groupId: string) {
  return db
    .select({
      id: t.orders.id,
      vendorName: t.vendors.name,
      currency: t.orders.currency,
      totalMinor: t.orders.totalMinor,
      paymentTerms: t.orders.paymentTerms,
      netDays: t.orders.netDays,
    })
    .from(t.orders)
    .innerJoin(t.vendors, eq(t.vendors.id, t.orders.vendorId))
    .where(eq(t.orders.groupId, groupId))
    .orderBy(asc(t.vendors.name), asc(t.orders.id));
}

const terms = (o: { paymentTerms: string; netDays: number }) =>
  o.paymentTerms === 'net' ? `invoice, payable in ${o.netDays} days` : 'bank transfer in advance';

export const COMMERCE_EMAILS = {
  async 'checkout.placed'(c: CommerceEmailContext, payload: unknown): Promise<Message[]> {
    const e = OUTBOX_EVENTS['checkout.placed'].parse(payload);
    const { db, t } = c.tx;
    const [group] = await db
      .select({
        buyerEmail: t.users.email,
        currency: t.orderGroups.currency,
        totalMinor: t.orderGroups.totalMinor,
      })
      .from(t.orderGroups)
      .innerJoin(t.users, eq(t.users.id, t.orderGroups.buyerUserId))
      .where(eq(t.orderGroups.id, e.groupId));
    if (!group) return [];
    const orders = await groupOrders(c.tx, e.groupId);
    const lines = [
      e.approved
        ? `Your order waiting for approval was approved and is placed on ${c.marketName}.`
        : `Thank you: your order is placed on ${c.marketName}.`,
      ...orders.map(
        (o) => `${o.vendorName}: order ${o.id}, ${formatAmount(o.totalMinor, o.currency)} (${terms(o)})`,
      ),
      `Total ${formatAmount(group.totalMinor, group.currency)}. Each vendor confirms its order and ships it.`,
    ];
    return [
      {
        to: group.buyerEmail,
        ...content(e.approved ? 'Your order was approved and placed' : 'Your order is placed', lines, {
          href: `${c.origin}/checkout/done/${e.groupId}`,
          label: 'See your order',
        }),
        kind: 'order_confirmation',
      },
    ];
  },

  async 'order.placed'(c: CommerceEmailContext, payload: unknown): Promise<Message[]> {
    const e = OUTBOX_EVENTS['order.placed'].parse(payload);
    const { db, t } = c.tx;
    const [order] = await db
      .select({
        id: t.orders.id,
        currency: t.orders.currency,
        totalMinor: t.orders.totalMinor,
        paymentTerms: t.orders.paymentTerms,
        netDays: t.orders.netDays,
        poNumber: t.orders.poNumber,
        note: t.orders.note,
        companyName: t.companies.legalName,
      })
      .from(t.orders)
      .innerJoin(t.companies, eq(t.companies.id, t.orders.companyId))
      .where(and(eq(t.orders.id, e.orderId), eq(t.orders.vendorId, e.vendorId)));
    if (!order) return [];
    const admins = await recipients(c.tx, { roles: ['vendor_admin'], vendorId: e.vendorId });
    const lines = [
      `${order.companyName} placed order ${order.id} with you on ${c.marketName}: ${formatAmount(order.totalMinor, order.currency)} (${terms(order)}).`,
      ...(order.poNumber ? [`Their PO number: ${order.poNumber}.`] : []),
      ...(order.note ? [`Their note: ${order.note}`] : []),
      'Accept or reject it from your orders.',
    ];
    const mail = content(`New order ${order.id} from ${order.companyName}`, lines, {
      href: `${c.origin}/console/orders/${order.id}`,
      label: 'Open the order',
    });
    return toEach(admins, mail, 'vendor_new_order');
  },

  async 'checkout.approval_requested'(c: CommerceEmailContext, payload: unknown): Promise<Message[]> {
    const e = OUTBOX_EVENTS['checkout.approval_requested'].parse(payload);
    const { db, t } = c.tx;
    const [group] = await db
      .select({
        status: t.orderGroups.status,
        currency: t.orderGroups.currency,
        totalMinor: t.orderGroups.totalMinor,
        buyerName: t.users.name,
        buyerEmail: t.users.email,
      })
      .from(t.orderGroups)
      .innerJoin(t.users, eq(t.users.id, t.orderGroups.buyerUserId))
      .where(and(eq(t.orderGroups.id, e.groupId), eq(t.orderGroups.companyId, e.companyId)));
    if (group?.status !== 'awaiting_approval') return [];
    const approvers = await recipients(c.tx, {
      roles: ['buyer_admin', 'buyer_approver'],
      companyId: e.companyId,
    });
    const who = group.buyerName ? `${group.buyerName} (${group.buyerEmail})` : group.buyerEmail;
    const mail = content(
      `Approval needed: an order of ${formatAmount(group.totalMinor, group.currency)}`,
      [
        `${who} asks for your approval of an order of ${formatAmount(group.totalMinor, group.currency)} on ${c.marketName}: it is over their spending limit.`,
        'Approve it to place it (prices and stock are checked again), or decline it with a reason.',
      ],
      { href: `${c.origin}/account/approvals/${e.groupId}`, label: 'Review the order' },
    );
    return toEach(approvers, mail, 'approval_request');
  },

  async 'checkout.declined'(c: CommerceEmailContext, payload: unknown): Promise<Message[]> {
    const e = OUTBOX_EVENTS['checkout.declined'].parse(payload);
    const { db, t } = c.tx;
    const [group] = await db
      .select({
        email: t.users.email,
        currency: t.orderGroups.currency,
        totalMinor: t.orderGroups.totalMinor,
      })
      .from(t.orderGroups)
      .innerJoin(t.users, eq(t.users.id, t.orderGroups.buyerUserId))
      .where(and(eq(t.orderGroups.id, e.groupId), eq(t.orderGroups.buyerUserId, e.buyerUserId)));
    if (!group) return [];
    return [
      {
        to: group.email,
        ...content(
          'Your order was declined',
          [
            `Your order of ${formatAmount(group.totalMinor, group.currency)} waiting for approval was declined on ${c.marketName}; nothing was ordered.`,
            ...(e.reason ? [`The reason given: ${e.reason}`] : []),
          ],
          { href: `${c.origin}/account/checkouts`, label: 'See your checkouts' },
        ),
        kind: 'checkout_declined',
      },
    ];
  },
};
