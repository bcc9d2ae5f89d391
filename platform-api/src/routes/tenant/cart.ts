import { AddCartLineBody, Cart, QuickOrderBody, QuickOrderResult, SetCartLineBody } from '@agora/contracts';
import { addCartLine, clearCart, getCart, quickOrder, removeCartLine, setCartLineQty } from '@agora/core';
import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { BuyerEnv } from '../../context.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';

const secured = { tags: ['cart'], ...access.buyer };
const productParam = z.object({
  productId: z
    .string()
    .max(64)
    .openapi({ param: { name: 'productId', in: 'path' } }),
});
const PRICED =
  'Every line is priced now at the volume tier of its quantity, with its saving against the list price, the next tier and flags (unpublished, vendor not trading, price changed since set, quantity not allowed).';

/** The signed-in buyer's cart: one per buyer user, kept on the server (ADR 0035). */
export const tenantCart = createApi<BuyerEnv>()
  .openapi(
    createRoute({
      ...secured,
      method: 'get',
      path: '/cart',
      operationId: 'getCart',
      summary: 'The cart, grouped by vendor, with totals per currency',
      description: PRICED,
      responses: { 200: json(Cart, 'The cart') },
    }),
    async (c) => c.json(await getCart(c.var.deps.database, c.var.tenant, { userId: c.var.user.sub }), 200),
  )
  .openapi(
    createRoute({
      ...secured,
      method: 'post',
      path: '/cart/lines',
      operationId: 'addCartLine',
      summary: 'Add a product (its quantity adds to a line already in the cart)',
      description:
        'A quantity the product’s rules do not allow (minimum, steps) is a 400 on `qty` saying what is allowed; a product not for sale is a 404; a cart of 200 lines refuses a new product (409 `conflict`).',
      request: { body: jsonBody(AddCartLineBody) },
      responses: { 200: json(Cart, 'The cart after the addition'), ...errorResponses(404, 409) },
    }),
    async (c) =>
      c.json(
        await addCartLine(c.var.deps.database, c.var.tenant, { userId: c.var.user.sub }, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...secured,
      method: 'put',
      path: '/cart/lines/{productId}',
      operationId: 'setCartLineQty',
      summary: 'Set a line’s quantity (re-priced at its tier)',
      description: 'Also acknowledges a changed price: the line’s seen price becomes the current one.',
      request: { params: productParam, body: jsonBody(SetCartLineBody) },
      responses: { 200: json(Cart, 'The cart after the change') },
    }),
    async (c) =>
      c.json(
        await setCartLineQty(
          c.var.deps.database,
          c.var.tenant,
          { userId: c.var.user.sub },
          { productId: c.req.valid('param').productId, qty: c.req.valid('json').qty },
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...secured,
      method: 'delete',
      path: '/cart/lines/{productId}',
      operationId: 'removeCartLine',
      summary: 'Remove a line (removing one that is not there changes nothing)',
      request: { params: productParam },
      responses: { 200: json(Cart, 'The cart after the removal') },
    }),
    async (c) =>
      c.json(
        await removeCartLine(
          c.var.deps.database,
          c.var.tenant,
          { userId: c.var.user.sub },
          c.req.valid('param').productId,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...secured,
      method: 'delete',
      path: '/cart',
      operationId: 'clearCart',
      summary: 'Empty the cart',
      responses: { 200: json(Cart, 'The empty cart') },
    }),
    async (c) => c.json(await clearCart(c.var.deps.database, c.var.tenant, { userId: c.var.user.sub }), 200),
  )
  .openapi(
    createRoute({
      ...secured,
      method: 'post',
      path: '/cart/quick-order',
      operationId: 'quickOrder',
      summary: 'Add lines of `SKU, quantity` (pasted or a CSV file’s text)',
      description:
        'One line per product: `SKU, quantity`, or `SKU, quantity, vendor` when several vendors sell the SKU (comma, semicolon or tab separated; a first line `sku,quantity` is a header). Good lines are added; every other line is listed in `problems` by line number with what to change. 200 even when some lines were refused.',
      request: { body: jsonBody(QuickOrderBody) },
      responses: { 200: json(QuickOrderResult, 'What was added, what was not, and the cart') },
    }),
    async (c) =>
      c.json(
        await quickOrder(
          c.var.deps.database,
          c.var.tenant,
          { userId: c.var.user.sub },
          c.req.valid('json').text,
        ),
        200,
      ),
  );
