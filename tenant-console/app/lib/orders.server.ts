import type { TenantApi } from '@agora/api-client';
import type { OrderAction, OrderListInput } from '@agora/contracts';

/**
 * The console's orders, the same pages for both sides: a vendor sees its own vendor's orders
 * (and ships them), an operator every order. The API decides what each may do; the pages offer
 * the order's `actions`.
 */
export const isVendorRole = (role: string) => role === 'vendor_admin' || role === 'vendor_staff';

export function orderApi(api: TenantApi, role: string) {
  const vendor = isVendorRole(role);
  return {
    vendor,
    list: (query: OrderListInput) =>
      vendor ? api.vendorOrders(query as never) : api.operatorOrders(query as never),
    get: (id: string) => (vendor ? api.vendorOrder(id) : api.operatorOrder(id)),
    csv: (query: OrderListInput) =>
      vendor ? api.vendorOrdersCsv(query as never) : api.operatorOrdersCsv(query as never),
    invoicePdf: (id: string) => (vendor ? api.vendorInvoicePdf(id) : api.operatorInvoicePdf(id)),
    /** One move; `reason` for those that ask for one. */
    move: (id: string, action: Exclude<OrderAction, 'ship'>, reason: string) => {
      if (vendor) {
        if (action === 'accept') return api.acceptOrder(id);
        if (action === 'reject') return api.rejectOrder(id, { reason });
        if (action === 'cancel') return api.vendorCancelOrder(id, { reason });
        if (action === 'deliver') return api.vendorMarkDelivered(id);
        return api.vendorCompleteOrder(id);
      }
      if (action === 'cancel') return api.operatorCancelOrder(id, { reason });
      if (action === 'complete') return api.operatorCompleteOrder(id);
      throw new Response('Not an operator decision', { status: 400 });
    },
  };
}

/** The list's filters from the address bar (empty ones left out). */
export const ORDER_FILTERS = ['status', 'from', 'to', 'q', 'vendorId', 'companyId'] as const;
export function orderFilters(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ORDER_FILTERS) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  return out;
}
