import type * as C from '@agora/contracts';
import { type QueryOf, request, type Transport } from './http.js';

/** The cart, checkout and approval shapes, derived from @agora/contracts (type-only). */
export type {
  Cart,
  CartLine,
  CartVendorGroup,
  CheckoutGroup,
  CheckoutGroupSummary,
  CheckoutPreview,
  CheckoutResult,
  PlaceCheckoutBody,
  QuickOrderResult,
} from '@agora/contracts';

/** A buyer's cart, checkout and their company's approvals (ADR 0035). */
export function commerceClient(t: Transport) {
  const id = encodeURIComponent;
  return {
    cart: () => request<C.Cart>(t, '/api/v1/cart'),
    addCartLine: (body: C.AddCartLineInput) => request<C.Cart>(t, '/api/v1/cart/lines', { body }),
    setCartLineQty: (productId: string, body: C.SetCartLineInput) =>
      request<C.Cart>(t, `/api/v1/cart/lines/${id(productId)}`, { method: 'PUT', body }),
    removeCartLine: (productId: string) =>
      request<C.Cart>(t, `/api/v1/cart/lines/${id(productId)}`, { method: 'DELETE' }),
    clearCart: () => request<C.Cart>(t, '/api/v1/cart', { method: 'DELETE' }),
    quickOrder: (text: string) =>
      request<C.QuickOrderResult>(t, '/api/v1/cart/quick-order', { body: { text } }),
    checkoutPreview: (query: QueryOf<C.CheckoutPreviewQuery> = {}) =>
      request<C.CheckoutPreview>(t, '/api/v1/checkout/preview', { query }),
    /** `idempotencyKey`: one per checkout attempt (a retry sends the same one). */
    placeCheckout: (idempotencyKey: string, body: C.PlaceCheckoutBody) =>
      request<C.CheckoutResult>(t, '/api/v1/checkouts', {
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    myCheckouts: (query: QueryOf<C.CheckoutListInput> = {}) =>
      request<C.Page<C.CheckoutGroupSummary>>(t, '/api/v1/checkouts', { query }),
    checkout: (groupId: string) => request<C.CheckoutGroup>(t, `/api/v1/checkouts/${id(groupId)}`),
    approvals: (query: QueryOf<C.CheckoutListInput> = {}) =>
      request<C.Page<C.CheckoutGroupSummary>>(t, '/api/v1/approvals', { query }),
    approveCheckout: (groupId: string) =>
      request<C.CheckoutResult>(t, `/api/v1/approvals/${id(groupId)}/approve`, { body: {} }),
    declineCheckout: (groupId: string, reason: string) =>
      request<C.CheckoutResult>(t, `/api/v1/approvals/${id(groupId)}/decline`, { body: { reason } }),
  };
}
