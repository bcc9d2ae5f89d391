import { ApiError, type Cart, type CartLine } from '@agora/api-client';
import { SetCartLineBody } from '@agora/contracts';
import { CART_FLAG_LABELS } from '@agora/contracts/labels';
import { parseForm } from '@agora/ui/forms';
import { formatBps, formatMoney } from '@agora/ui/money';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, redirect } from '@remix-run/server-runtime';
import { AppLink } from '../components/app-link.js';
import { Money } from '../components/price.js';
import { VerifyEmailNotice } from '../components/verify-email-notice.js';
import { requireBuyer, verifiedForm } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Your cart' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireBuyer(request, context);
  const cart = await api.cart();
  const added = new URL(request.url).searchParams.get('added');
  const unverifiedEmail = user.emailVerified ? null : user.email;
  return json({ cart, added, unverifiedEmail }, { headers: { 'cache-control': 'private, no-store' } });
}

type LineError = { productId: string; message: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireBuyer(request, context);
  const form = await verifiedForm(request);
  const intent = form.get('intent');
  const productId = String(form.get('productId') ?? '');
  try {
    if (intent === 'clear') await api.clearCart();
    else if (intent === 'remove') await api.removeCartLine(productId);
    else {
      const submission = parseForm(SetCartLineBody, form, { what: 'quantity' });
      if (!submission.ok)
        return json<LineError>(
          {
            productId,
            message: `Quantity ${Object.values(submission.reply.fields).flat()[0] ?? 'is not valid'}`,
          },
          { status: 400 },
        );
      await api.setCartLineQty(productId, submission.value);
    }
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) {
      const field = e.details?.fields?.[0];
      return json<LineError>(
        { productId, message: field ? `Quantity ${field.message}` : e.message },
        { status: e.status },
      );
    }
    throw e;
  }
  return redirect('/cart');
}

function LineRow({ line, csrf, error }: { line: CartLine; csrf: string; error: string | null }) {
  const qtyId = `qty-${line.productId}`;
  return (
    <li className="cart-line" data-testid="cart-line" data-product={line.productId}>
      <div className="cart-line-main">
        <AppLink to={`/products/${line.productId}`}>
          <strong>{line.title}</strong>
        </AppLink>
        <span className="hint">
          SKU {line.sku} · {line.quantityRule}
        </span>
        {line.flags.length ? (
          <ul className="cart-flags" data-testid="cart-flags">
            {line.flags.map((f) => (
              <li key={f} className="badge badge-warning">
                {CART_FLAG_LABELS[f] ?? f}
                {f === 'price_changed' ? ` (was ${formatMoney(line.unitPriceSeenMinor, line.currency)})` : ''}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="cart-line-price">
        <span>
          <span data-testid="line-unit-price">
            <Money minor={line.unitPriceMinor} currency={line.currency} />
          </span>{' '}
          / {line.unit}
        </span>
        {line.savingMinor > 0 ? (
          <span className="saving">
            {' '}
            you save {formatMoney(line.savingMinor, line.currency)} ({formatBps(line.savingBps)})
          </span>
        ) : null}
        {line.nextTier ? (
          <span className="hint" data-testid="next-tier">
            Order {line.nextTier.minQty.toLocaleString('en-US')} to pay{' '}
            {formatMoney(line.nextTier.unitPriceMinor, line.currency)} each
          </span>
        ) : null}
      </div>
      <Form method="post" className="cart-qty">
        <input type="hidden" name="csrf" value={csrf} />
        <input type="hidden" name="productId" value={line.productId} />
        <label htmlFor={qtyId} className="visually-hidden">
          Quantity of {line.title}
        </label>
        <input
          id={qtyId}
          name="qty"
          type="number"
          inputMode="numeric"
          min={line.minOrderQty}
          step={line.orderIncrement}
          defaultValue={line.qty}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${qtyId}-error` : undefined}
        />
        <button type="submit" name="intent" value="set" className="button secondary">
          Update
        </button>
        <button type="submit" name="intent" value="remove" className="button link">
          Remove
        </button>
        {error ? (
          <p className="error" id={`${qtyId}-error`} role="alert">
            {error}
          </p>
        ) : null}
      </Form>
      <div className="cart-line-total">
        <Money minor={line.lineTotalMinor} currency={line.currency} />
      </div>
    </li>
  );
}

export default function CartPage() {
  const { cart, added, unverifiedEmail } = useLoaderData<typeof loader>() as {
    cart: Cart;
    added: string | null;
    unverifiedEmail: string | null;
  };
  const error = useActionData<LineError>();
  const csrf = useRouteLoaderData<{ csrf: string | null }>('root')?.csrf ?? '';
  const several = cart.totals.length > 1;
  return (
    <main className="page cart-page">
      <h1>Your cart</h1>
      <p>
        <AppLink to="/cart/quick-order">Quick order by SKU</AppLink>
      </p>
      {added ? (
        <p className="notice-success" role="status">
          Added to your cart.
        </p>
      ) : null}
      {cart.lineCount === 0 ? (
        <p className="empty-state" data-testid="cart-empty">
          Your cart is empty. <AppLink to="/search">Browse the catalog</AppLink>
        </p>
      ) : (
        <>
          {unverifiedEmail ? <VerifyEmailNotice email={unverifiedEmail} /> : null}
          {cart.flagged ? (
            <p className="notice-warning" role="status">
              {cart.flagged === 1 ? 'One line needs' : `${cart.flagged} lines need`} your attention before
              checkout.
            </p>
          ) : null}
          {several ? (
            <p className="notice-info" data-testid="several-currencies">
              Your cart holds prices in {cart.totals.map((t) => t.currency).join(' and ')}. A checkout is in
              one currency: check out each one on its own.
            </p>
          ) : null}
          {cart.groups.map((g) => (
            <section
              key={`${g.vendor.id}-${g.currency}`}
              className="card cart-group"
              data-testid="cart-group"
            >
              <h2>
                {g.vendor.name}
                {several ? <span className="hint"> · {g.currency}</span> : null}
              </h2>
              <ul className="cart-lines">
                {g.lines.map((l) => (
                  <LineRow
                    key={l.productId}
                    line={l}
                    csrf={csrf}
                    error={error?.productId === l.productId ? error.message : null}
                  />
                ))}
              </ul>
              <p className="cart-subtotal">
                Subtotal <Money minor={g.subtotalMinor} currency={g.currency} />
              </p>
            </section>
          ))}
          <section className="card cart-totals" data-testid="cart-totals">
            {cart.totals.map((t) => (
              <p key={t.currency}>
                {t.lines} {t.lines === 1 ? 'line' : 'lines'} in {t.currency}:{' '}
                <strong>
                  <Money minor={t.subtotalMinor} currency={t.currency} />
                </strong>{' '}
                before tax and shipping{' '}
                <AppLink className="button" to={`/checkout?currency=${t.currency}`}>
                  {several ? `Check out ${t.currency}` : 'Check out'}
                </AppLink>
              </p>
            ))}
            <p className="hint">
              {cart.lineCount} of at most {cart.maxLines} lines.
            </p>
            <Form method="post">
              <input type="hidden" name="csrf" value={csrf} />
              <button type="submit" name="intent" value="clear" className="button link">
                Empty the cart
              </button>
            </Form>
          </section>
        </>
      )}
    </main>
  );
}
