import { ApiError } from '@agora/api-client';
import { AddCartLineBody } from '@agora/contracts';
import { parseForm } from '@agora/ui/forms';
import { type ActionFunctionArgs, redirect } from '@remix-run/server-runtime';
import { optionalBuyer, safeNext, verifiedForm } from '../session.server.js';

/**
 * Where to come back to, with the quantity kept and why it was refused, as a code the product
 * page turns into words (never text from the address: a crafted link must not put words on a
 * public, cacheable page).
 */
export type CartRefusal = 'qty' | 'full' | 'unavailable';
function back(path: string, qty: string, message: CartRefusal) {
  const url = new URL(path, 'http://x');
  url.searchParams.set('qty', qty);
  url.searchParams.set('cart_error', message);
  return `${url.pathname}${url.search}`;
}

/**
 * "Add to cart" from a product page or a search result (POST only). Anonymous visitors go to
 * sign in and then back to the page they came from; a refused quantity goes back there with
 * the message ("can be ordered at least 100, in steps of 50"); an addition goes to the cart.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const buyer = await optionalBuyer(request, context);
  const form = await (buyer ? verifiedForm(request) : request.formData());
  const from = safeNext(form.get('back'), '/cart');
  if (!buyer) throw redirect(`/account/sign-in?next=${encodeURIComponent(from)}`);
  const qty = String(form.get('qty') ?? '');
  const submission = parseForm(AddCartLineBody, form, { what: 'quantity' });
  if (!submission.ok) throw redirect(back(from, qty, 'qty'));
  try {
    await buyer.api.addCartLine(submission.value);
  } catch (e) {
    if (e instanceof ApiError && e.status < 500)
      throw redirect(back(from, qty, e.status === 409 ? 'full' : e.status === 400 ? 'qty' : 'unavailable'));
    throw e;
  }
  throw redirect(`/cart?added=${encodeURIComponent(submission.value.productId)}`);
}

export const loader = () => redirect('/cart');
