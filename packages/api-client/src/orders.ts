import type * as C from '@agora/contracts';
import { type QueryOf, request, requestResponse, type Transport } from './http.js';

const id = encodeURIComponent;

/** Orders after placement (ADR 0036): vendor, buyer and operator sides, and the webhook settings. */
export function ordersClient(t: Transport) {
  const vendor = (orderId: string, rest = '') => `/api/v1/vendor/orders/${id(orderId)}${rest}`;
  const buyer = (orderId: string, rest = '') => `/api/v1/orders/${id(orderId)}${rest}`;
  const operator = (orderId: string, rest = '') => `/api/v1/operator/orders/${id(orderId)}${rest}`;
  return {
    vendorOrders: (query: QueryOf<C.OrderListInput> = {}) =>
      request<C.OrderPage>(t, '/api/v1/vendor/orders', { query }),
    vendorOrder: (orderId: string) => request<C.OrderDetail>(t, vendor(orderId)),
    /** The CSV download as a Response (streamed through by the console). */
    vendorOrdersCsv: (query: QueryOf<C.OrderListInput> = {}) =>
      requestResponse(t, '/api/v1/vendor/orders/export.csv', query),
    acceptOrder: (orderId: string) =>
      request<C.OrderDetail>(t, vendor(orderId, '/accept'), { method: 'POST' }),
    rejectOrder: (orderId: string, body: C.OrderReasonBody) =>
      request<C.OrderDetail>(t, vendor(orderId, '/reject'), { body }),
    vendorCancelOrder: (orderId: string, body: C.OrderReasonBody) =>
      request<C.OrderDetail>(t, vendor(orderId, '/cancel'), { body }),
    vendorMarkDelivered: (orderId: string) =>
      request<C.OrderDetail>(t, vendor(orderId, '/deliver'), { method: 'POST' }),
    vendorCompleteOrder: (orderId: string) =>
      request<C.OrderDetail>(t, vendor(orderId, '/complete'), { method: 'POST' }),
    shipOrder: (orderId: string, body: C.ShipOrderBody) =>
      request<C.OrderDetail>(t, vendor(orderId, '/shipments'), { body }),
    addTrackingEvent: (orderId: string, shipmentId: string, body: C.AddTrackingEventBody) =>
      request<C.OrderDetail>(t, vendor(orderId, `/shipments/${id(shipmentId)}/events`), { body }),
    vendorInvoice: (orderId: string) => request<C.InvoiceDocument>(t, vendor(orderId, '/invoice')),
    vendorInvoicePdf: (orderId: string) => requestResponse(t, vendor(orderId, '/invoice.pdf')),

    buyerOrders: (query: QueryOf<C.OrderListInput> = {}) =>
      request<C.OrderPage>(t, '/api/v1/orders', { query }),
    buyerOrder: (orderId: string) => request<C.OrderDetail>(t, buyer(orderId)),
    buyerCancelOrder: (orderId: string, body: C.OrderReasonBody) =>
      request<C.OrderDetail>(t, buyer(orderId, '/cancel'), { body }),
    confirmOrderReceipt: (orderId: string) =>
      request<C.OrderDetail>(t, buyer(orderId, '/confirm-receipt'), { method: 'POST' }),
    buyAgain: (orderId: string) =>
      request<C.BuyAgainResult>(t, buyer(orderId, '/buy-again'), { method: 'POST' }),
    buyerInvoice: (orderId: string) => request<C.InvoiceDocument>(t, buyer(orderId, '/invoice')),
    buyerInvoicePdf: (orderId: string) => requestResponse(t, buyer(orderId, '/invoice.pdf')),

    operatorOrders: (query: QueryOf<C.OrderListInput> = {}) =>
      request<C.OrderPage>(t, '/api/v1/operator/orders', { query }),
    operatorOrder: (orderId: string) => request<C.OrderDetail>(t, operator(orderId)),
    operatorOrdersCsv: (query: QueryOf<C.OrderListInput> = {}) =>
      requestResponse(t, '/api/v1/operator/orders/export.csv', query),
    operatorCancelOrder: (orderId: string, body: C.OrderReasonBody) =>
      request<C.OrderDetail>(t, operator(orderId, '/cancel'), { body }),
    operatorCompleteOrder: (orderId: string) =>
      request<C.OrderDetail>(t, operator(orderId, '/complete'), { method: 'POST' }),
    operatorInvoice: (orderId: string) => request<C.InvoiceDocument>(t, operator(orderId, '/invoice')),
    operatorInvoicePdf: (orderId: string) => requestResponse(t, operator(orderId, '/invoice.pdf')),
    trackingWebhook: () => request<C.TrackingWebhookSettings>(t, '/api/v1/settings/tracking-webhook'),
    rotateTrackingWebhookSecret: () =>
      request<C.TrackingWebhookSettings>(t, '/api/v1/settings/tracking-webhook/rotate', { method: 'POST' }),
  };
}
