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

/** The scope of a buyer: admins see the company's orders, members and approvers their own. */
export const buyerScope = (user: { sub: string; role?: string }, companyId: string): OrderScope => ({
  actor: 'buyer',
  userId: user.sub,
  companyId,
  wholeCompany: user.role === 'buyer_admin',
});

/** The SQL condition on `orders` for a scope (undefined: everything). */
export function scopeCondition(t: TenantTx['t'], scope: OrderScope): SQL | undefined {
  const o = t.orders;
  switch (scope.actor) {
    case 'vendor':
      return eq(o.vendorId, scope.vendorId);
    case 'buyer':
      return scope.wholeCompany
        ? eq(o.companyId, scope.companyId)
        : and(eq(o.companyId, scope.companyId), eq(o.buyerUserId, scope.userId));
    case 'operator':
      return undefined;
  }
}

export const actorOf = (scope: OrderScope): OrderActor => scope.actor;

export const orderNotFound = () => new AppError('not_found', 'No such order');
