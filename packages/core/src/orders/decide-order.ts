import type { OrderDetail } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { changeOrderStatus, type StatusChange } from './change-order-status.js';
import { loadOrderDetail } from './order-detail.js';
import type { OrderScope } from './order-scope.js';

type Input = Omit<StatusChange, 'action' | 'scope'> & { scope: OrderScope };

/** Run one status change in its own transaction and return the order as the caller sees it. */
const decide = (action: StatusChange['action']) => (database: Database, tenant: TenantRef, input: Input) =>
  withTenant(database, tenant, async (tx): Promise<OrderDetail> => {
    await changeOrderStatus(tx, { ...input, action });
    return loadOrderDetail(tx, input.scope, input.orderId);
  });

/** The vendor accepts a placed order: the invoice is issued (its number gapless per vendor and year). */
export const acceptOrder = decide('accept');
/** The vendor rejects a placed order, with a reason: the stock is returned. */
export const rejectOrder = decide('reject');
/**
 * Cancel an order before it ships, with a reason: the buyer before acceptance, the vendor after
 * it, an operator either way. The stock is returned.
 */
export const cancelOrder = decide('cancel');
/** Delivered: the vendor marks it, or the buyer confirms receipt. Every line must have shipped. */
export const markOrderDelivered = decide('deliver');
/** A delivered order is completed (vendor or operator). */
export const completeOrder = decide('complete');
