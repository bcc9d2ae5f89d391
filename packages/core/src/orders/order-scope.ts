import { AppError, type OrderActor } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { and, eq, type SQL } from 'drizzle-orm';

/**
 * Whose orders a caller reaches: a vendor its own; a buyer its own orders, a buyer admin every
 * order of the company; an operator every order of the marketplace. An order outside the scope
 * is "not found", never "forbidden": its existence is not revealed.
 */
export type OrderScope =
  | { actor: 'vendor'; userId: string; vendorId: string }
  | { actor: 'buyer'; userId: string; companyId: string; wholeCompany: boolean }
  | { actor: 'operator'; userId: string };

/**
 * The carrier's tracking (the signed webhook) marking an order delivered: no user, and only
 * the order its shipment belongs to. Accepted where a status changes, not by the read paths.
 */
export type CarrierScope = { actor: 'carrier'; userId: null };
export const CARRIER_SCOPE: CarrierScope = { actor: 'carrier', userId: null };

/** Who may change an order's status: a signed-in caller's scope, or the carrier's. */
export type StatusScope = OrderScope | CarrierScope;

/** The scope of a buyer: admins see the company's orders, members and approvers their own. */
export const buyerScope = (user: { sub: string; role?: string }, companyId: string): OrderScope => ({
  actor: 'buyer',
  userId: user.sub,
  companyId,
  wholeCompany: user.role === 'buyer_admin',
});

/** The SQL condition on `orders` for a scope (undefined: everything). */
export function scopeCondition(t: TenantTx['t'], scope: StatusScope): SQL | undefined {
  const o = t.orders;
  switch (scope.actor) {
    case 'vendor':
      return eq(o.vendorId, scope.vendorId);
    case 'buyer':
      return scope.wholeCompany
        ? eq(o.companyId, scope.companyId)
        : and(eq(o.companyId, scope.companyId), eq(o.buyerUserId, scope.userId));
    case 'operator':
    case 'carrier':
      return undefined;
  }
}

export const actorOf = (scope: OrderScope): OrderActor => scope.actor;

export const orderNotFound = () => new AppError('not_found', 'No such order');
