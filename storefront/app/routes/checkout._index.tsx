import { ApiError, type CheckoutPreview } from '@agora/api-client';
import { PlaceCheckoutBody } from '@agora/contracts';
import { statusLabel } from '@agora/contracts/labels';
import { FieldErrors } from '@agora/ui/form-fields';
import { apiErrorReply, type FormReply, type FormValues, parseForm } from '@agora/ui/forms';
import { formatBps, formatMoney } from '@agora/ui/money';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from '@remix-run/react';
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, redirect } from '@remix-run/server-runtime';
import { AppLink } from '../components/app-link.js';
import { Money } from '../components/price.js';
import { VerifyEmailNotice } from '../components/verify-email-notice.js';
import { requireBuyer, verifiedForm } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Checkout' }];

/**
 * The checkout of the cart in one currency. The page carries a fresh idempotency key: a double
 * submit (or a retry after a lost answer) sends the same key and places once.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireBuyer(request, context);
  const currency = new URL(request.url).searchParams.get('currency') ?? undefined;
  const preview = await api.checkoutPreview(currency ? { currency } : {});
  return json(
    { preview, idempotencyKey: crypto.randomUUID(), unverifiedEmail: user.emailVerified ? null : user.email },
    { headers: { 'cache-control': 'private, no-store' } },
  );
}

/** Form fields -> PlaceCheckoutBody: `notes.<vendor id>` become the notes by vendor. */
function toInput(values: FormValues) {
  const notes: Record<string, string> = {};
  for (const [k, v] of Object.entries(values))
    if (k.startsWith('notes.') && typeof v === 'string' && v.trim()) notes[k.slice(6)] = v;
  const expected = Number(values.expectedTotalMinor);
  return {
    currency: values.currency,
    shippingAddressId: values.shippingAddressId ?? '',
    ...(typeof values.poNumber === 'string' && values.poNumber.trim() ? { poNumber: values.poNumber } : {}),
    ...(Object.keys(notes).length ? { notes } : {}),
    ...(Number.isSafeInteger(expected) ? { expectedTotalMinor: expected } : {}),
  };
}

type Reply = FormReply & { figures?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireBuyer(request, context);
  const form = await verifiedForm(request);
  const submission = parseForm(PlaceCheckoutBody, form, { what: 'checkout', toInput });
  if (!submission.ok) return json<Reply>(submission.reply, { status: 400 });
  const key = String(form.get('idempotencyKey') ?? '');
  try {
    const result = await api.placeCheckout(key, submission.value);
    return redirect(`/checkout/done/${result.groupId}`);
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) {
      const reply: Reply = apiErrorReply(e, submission.values, 'checkout', { keepMessage: true });
      const d = e.details as Record<string, number> | undefined;
      if (e.code === 'credit_limit_exceeded' && d)
        reply.figures = `Credit limit ${formatMoney(d.creditLimitMinor ?? 0, submission.value.currency)}, open invoices ${formatMoney(d.openMinor ?? 0, submission.value.currency)}, available ${formatMoney(d.availableMinor ?? 0, submission.value.currency)}; this order ${formatMoney(d.orderMinor ?? 0, submission.value.currency)}.`;
      return json<Reply>(reply, { status: e.status });
    }
    throw e;
  }
}

const termsText = (c: CheckoutPreview['company']) =>
  c.paymentTerms === 'net' ? `Invoice, payable in ${c.netDays} days` : 'Bank transfer in advance';

export default function Checkout() {
  const { preview, idempotencyKey, unverifiedEmail } = useLoaderData<typeof loader>() as {
    preview: CheckoutPreview;
    idempotencyKey: string;
    unverifiedEmail: string | null;
  };
  const data = useActionData<typeof action>() as Reply | undefined;
  const csrf = useRouteLoaderData<{ csrf: string | null }>('root')?.csrf ?? '';
  const busy = useNavigation().state === 'submitting';
  const currency = preview.currency;
  const value = (name: string) =>
    typeof data?.values?.[name] === 'string' ? (data.values[name] as string) : undefined;
  const canOrder =
    preview.company.status === 'approved' &&
    !unverifiedEmail &&
    preview.problems.length === 0 &&
    preview.vendors.length > 0;
  return (
    <main className="page checkout-page">
      <h1>Checkout</h1>
      {preview.currencies.length > 1 ? (
        <nav className="notice-info" aria-label="Currencies" data-testid="currency-switch">
          Your cart holds several currencies; this checkout is in {currency}. Check out in:{' '}
          {preview.currencies.map((c) => (
            <span key={c}>
              {c === currency ? (
                <strong>{c}</strong>
              ) : (
                <AppLink to={`/checkout?currency=${c}`}>{c}</AppLink>
              )}{' '}
            </span>
          ))}
        </nav>
      ) : null}
      {data?.message ? (
        <div className="notice-error" role="alert" data-testid="checkout-error">
          <p>{data.message}</p>
          {data.figures ? <p>{data.figures}</p> : null}
          <p>
            <AppLink to="/cart">Review your cart</AppLink>
          </p>
        </div>
      ) : null}
      {unverifiedEmail ? <VerifyEmailNotice email={unverifiedEmail} /> : null}
      {preview.company.status !== 'approved' ? (
        <p className="notice-warning">
          Your company account is {statusLabel(preview.company.status, 'company')}: you can order once it is
          approved.
        </p>
      ) : null}
      {preview.problems.length ? (
        <div className="notice-warning" role="status">
          <p>Some lines cannot be ordered as they are:</p>
          <ul>
            {preview.problems.map((p) => (
              <li key={p.productId}>{p.message}</li>
            ))}
          </ul>
          <p>
            <AppLink to="/cart">Fix them in your cart</AppLink>
          </p>
        </div>
      ) : null}
      {preview.vendors.length === 0 && !preview.problems.length ? (
        <p className="empty-state">
          Nothing to check out. <AppLink to="/cart">Go to your cart</AppLink>
        </p>
      ) : null}
      {canOrder && currency ? (
        <Form method="post" className="stack checkout-form">
          <input type="hidden" name="csrf" value={csrf} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <input type="hidden" name="currency" value={currency} />
          <input type="hidden" name="expectedTotalMinor" value={preview.totalMinor} />
          <fieldset className="field card">
            <legend>Ship to</legend>
            {preview.addresses.length === 0 ? (
              <p className="error">
                Your company has no shipping address yet: ask its administrator to add one.
              </p>
            ) : null}
            {preview.addresses.map((a, i) => (
              <label key={a.id} className="address-choice">
                <input
                  type="radio"
                  name="shippingAddressId"
                  value={a.id}
                  defaultChecked={value('shippingAddressId') ? value('shippingAddressId') === a.id : i === 0}
                />{' '}
                <strong>{a.label}</strong>: {Object.values(a.address).filter(Boolean).join(', ')}
              </label>
            ))}
            <FieldErrors name="shippingAddressId" errors={data?.fields?.shippingAddressId} />
          </fieldset>
          <div className="field">
            <label htmlFor="f-poNumber">PO number (optional)</label>
            <input id="f-poNumber" name="poNumber" maxLength={64} defaultValue={value('poNumber')} />
            <FieldErrors name="poNumber" errors={data?.fields?.poNumber} />
          </div>
          {preview.vendors.map((v) => (
            <section key={v.vendor.id} className="card checkout-vendor" data-testid="checkout-vendor">
              <h2>{v.vendor.name}</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Product</th>
                    <th scope="col">Qty × unit price</th>
                    <th scope="col">Net</th>
                    <th scope="col">Tax {formatBps(preview.taxBps)}</th>
                  </tr>
                </thead>
                <tbody>
                  {v.lines.map((l) => (
                    <tr key={l.productId}>
                      <td>
                        {l.title} <span className="hint">{l.sku}</span>
                      </td>
                      <td>
                        {l.qty.toLocaleString('en-US')} ×{' '}
                        <Money minor={l.unitPriceMinor} currency={currency} />
                      </td>
                      <td>
                        <Money minor={l.netMinor} currency={currency} />
                      </td>
                      <td>
                        <Money minor={l.taxMinor} currency={currency} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <dl className="checkout-sums">
                <dt>Subtotal</dt>
                <dd>
                  <Money minor={v.subtotalMinor} currency={currency} />
                </dd>
                <dt>Tax</dt>
                <dd>
                  <Money minor={v.taxMinor} currency={currency} />
                </dd>
                <dt>Shipping</dt>
                <dd>
                  {v.shippingMinor === 0 ? 'free' : <Money minor={v.shippingMinor} currency={currency} />}
                </dd>
                <dt>Total</dt>
                <dd>
                  <strong>
                    <Money minor={v.totalMinor} currency={currency} />
                  </strong>
                </dd>
              </dl>
              <div className="field">
                <label htmlFor={`f-notes-${v.vendor.id}`}>Note to {v.vendor.name} (optional)</label>
                <textarea
                  id={`f-notes-${v.vendor.id}`}
                  name={`notes.${v.vendor.id}`}
                  rows={2}
                  maxLength={2000}
                  defaultValue={value(`notes.${v.vendor.id}`)}
                />
                <FieldErrors name={`notes.${v.vendor.id}`} errors={data?.fields?.[`notes.${v.vendor.id}`]} />
              </div>
            </section>
          ))}
          <section className="card" data-testid="checkout-summary">
            <p>
              Payment: <strong data-testid="payment-terms">{termsText(preview.company)}</strong>
              {preview.company.paymentTerms === 'net' && preview.company.creditLimitMinor !== null ? (
                <span className="hint">
                  {' '}
                  (credit limit {formatMoney(preview.company.creditLimitMinor, currency)})
                </span>
              ) : null}
            </p>
            <p>
              Total to pay:{' '}
              <strong data-testid="checkout-total">
                <Money minor={preview.totalMinor} currency={currency} />
              </strong>{' '}
              in {preview.vendors.length} {preview.vendors.length === 1 ? 'order' : 'orders'}, one per vendor
            </p>
            <button type="submit" className="button" disabled={busy} data-testid="place-order">
              {busy ? 'Placing…' : 'Place order'}
            </button>
          </section>
        </Form>
      ) : null}
    </main>
  );
}
