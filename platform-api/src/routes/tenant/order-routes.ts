import {
  InvoiceDocument,
  OrderDetail,
  OrderExportQuery,
  OrderListQuery,
  OrderPage,
  OrderReasonBody,
} from '@agora/contracts';
import { errorResponses, json, jsonBody } from '../../openapi.js';
import { csvContent, OrderIdParam, pdfContent } from './order-schemas.js';
import { optionalParams } from './query-params.js';

/** What differs between the roles' copies of a route: its name and its words. */
type Doc = { operationId: string; summary: string; description?: string };

/** The response of a move (accept, cancel, complete, ...): the order as it is after it. */
export const moved = {
  200: json(OrderDetail, 'The order after the change'),
  ...errorResponses(400, 401, 403, 404, 409),
};

/**
 * The order routes buyers, vendors and operators each have (list, CSV export, one order, its
 * invoice and PDF, a move with or without a reason), under their own access level, tag and path
 * (`/orders`, `/vendor/orders`, `/operator/orders`). Each role's file spreads a part after its
 * access level into `createRoute` (`createRoute({ ...access.vendor, ...routes.get(doc) })`: the
 * access level must be concrete there for the handler's types) and adds its handler, which passes
 * its own scope to the same core function.
 */
export function orderRoutes(role: { tags: string[]; base: string }) {
  const common = { tags: role.tags };
  return {
    list: (doc: Doc) => ({
      ...common,
      ...doc,
      method: 'get' as const,
      path: role.base,
      request: { query: optionalParams(OrderListQuery) },
      responses: { 200: json(OrderPage, 'One page'), ...errorResponses(400, 401, 403) },
    }),
    exportCsv: (doc: Doc) => ({
      ...common,
      ...doc,
      method: 'get' as const,
      path: `${role.base}/export.csv`,
      request: { query: optionalParams(OrderExportQuery) },
      responses: {
        200: { description: 'The CSV file', content: csvContent },
        ...errorResponses(400, 401, 403),
      },
    }),
    get: (doc: Doc) => ({
      ...common,
      ...doc,
      method: 'get' as const,
      path: `${role.base}/{id}`,
      request: { params: OrderIdParam },
      responses: { 200: json(OrderDetail, 'The order'), ...errorResponses(401, 403, 404) },
    }),
    invoice: (doc: Doc) => ({
      ...common,
      ...doc,
      method: 'get' as const,
      path: `${role.base}/{id}/invoice`,
      request: { params: OrderIdParam },
      responses: { 200: json(InvoiceDocument, 'The invoice'), ...errorResponses(401, 403, 404) },
    }),
    invoicePdf: (doc: Doc) => ({
      ...common,
      ...doc,
      method: 'get' as const,
      path: `${role.base}/{id}/invoice.pdf`,
      request: { params: OrderIdParam },
      responses: { 200: { description: 'The PDF', content: pdfContent }, ...errorResponses(401, 403, 404) },
    }),
    move: (action: string, doc: Doc) => ({
      ...common,
      ...doc,
      method: 'post' as const,
      path: `${role.base}/{id}/${action}`,
      request: { params: OrderIdParam },
      responses: moved,
    }),
    moveWithReason: (action: string, doc: Doc) => ({
      ...common,
      ...doc,
      method: 'post' as const,
      path: `${role.base}/{id}/${action}`,
      request: { params: OrderIdParam, body: jsonBody(OrderReasonBody) },
      responses: moved,
    }),
  };
}
