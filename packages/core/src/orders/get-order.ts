import type { OrderDetail } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { loadOrderDetail } from './order-detail.js';
import type { OrderScope } from './order-scope.js';

/** One order as the caller sees it (404 outside its scope). */
export async function getOrder(
  database: Database,
  tenant: TenantRef,
  scope: OrderScope,
  orderId: string,
): Promise<OrderDetail> {
  return withTenant(database, tenant, (tx) => loadOrderDetail(tx, scope, orderId));
}
