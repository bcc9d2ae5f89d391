/**
 * The vendor order lifecycle as data (ADR 0036): for each action, who may take it from which
 * statuses, the status it leads to, and whether a reason is asked for. Plain data without zod, so
 * the console's and storefront's browser bundles import it (`@agora/contracts/order-transitions`)
 * and offer exactly the moves the server allows; `nextOrderStatus` (core) enforces it.
 *
 *   placed   -> accepted | rejected (vendor; reason; stock returned)
 *            -> cancelled (buyer before acceptance, vendor or operator with a reason)
 *   accepted -> shipped (vendor: the first shipment leaves; more may follow until every line is
 *               shipped) | cancelled (vendor or operator, with a reason; stock returned)
 *   shipped  -> delivered (vendor marks it, the buyer confirms receipt, or the carrier's tracking
 *               reports every shipment delivered; every line shipped)
 *   delivered -> completed (vendor or operator)
 *
 * `ship` also applies to a `shipped` order: a later partial shipment leaves the status as it is.
 */
export const ORDER_STATUSES = [
  'placed',
  'accepted',
  'rejected',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_ACTIONS = ['accept', 'reject', 'ship', 'deliver', 'complete', 'cancel'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/**
 * Who takes part in an order: its vendor, its buyer company, the marketplace operator, and the
 * carrier (its `delivered` tracking events, through the signed webhook; it never signs in).
 */
export type OrderActor = 'vendor' | 'buyer' | 'operator' | 'carrier';

export type OrderTransition = {
  /** Per actor, the statuses the action may be taken from; an actor not listed may not take it. */
  by: Partial<Record<OrderActor, readonly OrderStatus[]>>;
  to: OrderStatus;
  /** `required`: a reason must be given (it is shown to the other side); `optional`; `none`. */
  reason: 'required' | 'optional' | 'none';
  /** Whether the stock taken at placement goes back to stock-tracked products. */
  returnsStock: boolean;
};

export const ORDER_TRANSITIONS: Record<OrderAction, OrderTransition> = {
  accept: { by: { vendor: ['placed'] }, to: 'accepted', reason: 'none', returnsStock: false },
  reject: { by: { vendor: ['placed'] }, to: 'rejected', reason: 'required', returnsStock: true },
  ship: { by: { vendor: ['accepted', 'shipped'] }, to: 'shipped', reason: 'none', returnsStock: false },
  deliver: {
    by: { vendor: ['shipped'], buyer: ['shipped'], carrier: ['shipped'] },
    to: 'delivered',
    reason: 'none',
    returnsStock: false,
  },
  complete: {
    by: { vendor: ['delivered'], operator: ['delivered'] },
    to: 'completed',
    reason: 'none',
    returnsStock: false,
  },
  cancel: {
    by: { buyer: ['placed'], vendor: ['accepted'], operator: ['placed', 'accepted'] },
    to: 'cancelled',
    reason: 'required',
    returnsStock: true,
  },
};

/** Whether `actor` may take `action` on an order in `status`. */
export const mayTakeOrderAction = (action: OrderAction, actor: OrderActor, status: OrderStatus): boolean =>
  (ORDER_TRANSITIONS[action].by[actor] ?? []).includes(status);

/** The actions `actor` may take on an order in `status`, in lifecycle order. */
export const orderActionsFor = (actor: OrderActor, status: OrderStatus): OrderAction[] =>
  ORDER_ACTIONS.filter((a) => mayTakeOrderAction(a, actor, status));

/** The words of each action on a button. */
export const ORDER_ACTION_LABELS: Record<OrderAction, string> = {
  accept: 'Accept order',
  reject: 'Reject order',
  ship: 'Ship',
  deliver: 'Mark delivered',
  complete: 'Mark completed',
  cancel: 'Cancel order',
};

/** Tracking statuses of a shipment, as carriers report them. */
export const TRACKING_STATUSES = [
  'label_created',
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'exception',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];
