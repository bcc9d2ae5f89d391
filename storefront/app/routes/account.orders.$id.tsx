import { ApiError } from '@agora/api-client';
import { OrderReasonBody } from '@agora/contracts';
import { statusLabel } from '@agora/contracts/labels';
import { formatAddress } from '@agora/ui/address';
import { TextField } from '@agora/ui/form-fields';
import { apiErrorReply, type FormReply, parseForm } from '@agora/ui/forms';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { json, type LoaderFunctionArgs, redirect } from '@remix-run/server-runtime';
import { AppLink } from '../components/app-link.js';
import { Money } from '../components/price.js';
import { When } from '../components/when.js';
import { csrfToken, requireBuyer, verifiedForm } from '../session.server.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Order ${data?.order.id ?? ''}` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { api } = await requireBuyer(request, context);
  const csrf = csrfToken(request);
  const headers: Record<string, string> = { 'cache-control': 'private, no-store' };
  if (csrf.setCookie) headers['set-cookie'] = csrf.setCookie;
  try {
    const order = await api.buyerOrder(params.id ?? '');
    const done = new URL(request.url).searchParams.get('done');
    return json({ order, csrf: csrf.token, done }, { headers });
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new Response('No such order.', { status: 404 });
    throw e;
  }
}

const DONE: Record<string, string> = {
  received: 'Thank you: the order is marked delivered.',
  cancelled: 'The order is cancelled.',
};

/** Confirm receipt, cancel (with a reason), or buy again; each answers with a redirect (POST, then GET). */
export async function action({ request, context, params }: LoaderFunctionArgs) {
  const { api } = await requireBuyer(request, context);
  const id = params.id ?? '';
  const form = await verifiedForm(request);
  const intent = String(form.get('intent'));
  try {
    if (intent === 'deliver') {
      await api.confirmOrderReceipt(id);
      return redirect(`/account/orders/${id}?done=received`);
    }
    if (intent === 'buy-again') {
      const result = await api.buyAgain(id);
      const skipped = result.skipped.length ? `&skipped=${result.skipped.length}` : '';
      return redirect(`/cart?added=${result.added.length}${skipped}`);
    }
    if (intent === 'cancel') {
      const submission = parseForm(OrderReasonBody, form, { what: 'cancellation' });
      if (!submission.ok) return json({ ...submission.reply, intent }, { status: 400 });
      await api.buyerCancelOrder(id, submission.value);
      return redirect(`/account/orders/${id}?done=cancelled`);
    }
    throw new Response('Unknown action', { status: 400 });
  } catch (e) {
    if (e instanceof ApiError && e.status < 500)
      return json({ ...apiErrorReply(e, null, 'order'), intent }, { status: e.status });
    throw e;
  }
}

export default function Order() {
  const { order, csrf, done } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as (FormReply & { intent: string }) | undefined;
  const can = (a: string) => order.actions.includes(a as (typeof order.actions)[number]);
  return (
    <main className="page narrow-page">
      <p>
        <AppLink to="/account/orders">← Your orders</AppLink>
      </p>
      <h1>
        Order {order.id}{' '}
        <span className={`badge badge-${order.status}`} data-testid="order-status">
          {statusLabel(order.status)}
        </span>
      </h1>
      {done && DONE[done] ? (
        <p className="notice notice-success" role="status">
          {DONE[done]}
        </p>
      ) : null}
      {reply?.message ? (
        <p className="notice-error" role="alert">
          {reply.message}
        </p>
      ) : null}
      {order.statusReason ? <p className="notice notice-info">Reason: {order.statusReason}</p> : null}
      <section className="card">
        <p>
          From <strong>{order.vendorName}</strong> · placed <When at={order.placedAt} />
          {order.poNumber ? ` · PO ${order.poNumber}` : ''}
        </p>
        <p>
          Total <Money minor={order.totalMinor} currency={order.currency} /> (
          {order.paymentTerms === 'net' ? `invoice, ${order.netDays} days` : 'bank transfer in advance'})
        </p>
        {order.invoice ? (
          <p>
            Invoice {order.invoice.number}:{' '}
            <AppLink to={`/account/invoices/${order.id}`}>view and print</AppLink> ·{' '}
            <a href={`/account/invoice-pdf/${order.id}`} download data-testid="invoice-pdf">
              download PDF
            </a>
          </p>
        ) : (
          <p className="hint">The invoice is issued when the vendor accepts the order.</p>
        )}
      </section>

      <section className="card">
        <h2>What you can do</h2>
        {can('deliver') ? (
          <Form method="post">
            <input type="hidden" name="csrf" value={csrf} />
            <input type="hidden" name="intent" value="deliver" />
            <button type="submit" className="button">
              Confirm receipt
            </button>
          </Form>
        ) : null}
        {can('cancel') ? (
          <Form method="post" className="stack">
            <input type="hidden" name="csrf" value={csrf} />
            <input type="hidden" name="intent" value="cancel" />
            <TextField
              name="reason"
              label="Why cancel? (the vendor sees this)"
              required
              errors={reply?.intent === 'cancel' ? reply.fields?.reason : undefined}
            />
            <button type="submit" className="button danger">
              Cancel order
            </button>
          </Form>
        ) : null}
        <Form method="post">
          <input type="hidden" name="csrf" value={csrf} />
          <input type="hidden" name="intent" value="buy-again" />
          <button type="submit" className="button secondary">
            Buy again
          </button>
        </Form>
      </section>

      <section className="card">
        <h2>Timeline</h2>
        <ol className="timeline" data-testid="order-timeline">
          {order.timeline.map((e) => (
            <li key={`${e.at}-${e.kind}-${e.status}-${e.text}`}>
              <When at={e.at} /> {e.text}
            </li>
          ))}
        </ol>
      </section>

      <section className="card">
        <h2>Shipments</h2>
        {order.shipments.length === 0 ? <p className="hint">Nothing has shipped yet.</p> : null}
        {order.shipments.map((s) => (
          <div key={s.id}>
            <h3>
              {s.carrier} · tracking {s.trackingNumber}
            </h3>
            <p className="hint">
              Sent <When at={s.shippedAt} />:{' '}
              {s.lines
                .map(
                  (sl) =>
                    `${sl.qty} × ${order.lines.find((l) => l.lineNo === sl.lineNo)?.title ?? sl.lineNo}`,
                )
                .join(', ')}
            </p>
          </div>
        ))}
        {order.shipments.length && !order.fullyShipped ? (
          <p className="hint">More is still to ship.</p>
        ) : null}
      </section>

      <section className="card">
        <h2>Lines</h2>
        <ul>
          {order.lines.map((l) => (
            <li key={l.lineNo}>
              {l.qty} {l.unit} × {l.title} ({l.sku}) at{' '}
              <Money minor={l.unitPriceMinor} currency={order.currency} /> ={' '}
              <Money minor={l.netMinor} currency={order.currency} />
              {l.shippedQty < l.qty && order.shipments.length ? ` · ${l.shippedQty} shipped` : ''}
            </li>
          ))}
        </ul>
        <p>
          Subtotal <Money minor={order.subtotalMinor} currency={order.currency} /> · tax{' '}
          <Money minor={order.taxMinor} currency={order.currency} /> · shipping{' '}
          <Money minor={order.shippingMinor} currency={order.currency} />
        </p>
        <p>Ship to: {formatAddress(order.shippingAddress)}</p>
      </section>
    </main>
  );
}
