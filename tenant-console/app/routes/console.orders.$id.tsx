import { ApiError } from '@agora/api-client';
import { AddTrackingEventBody, ShipOrderBody } from '@agora/contracts';
import { statusLabel } from '@agora/contracts/labels';
import {
  ORDER_ACTION_LABELS,
  ORDER_TRANSITIONS,
  type OrderAction,
  TRACKING_STATUSES,
} from '@agora/contracts/order-transitions';
import { formatAddress } from '@agora/ui/address';
import { fromLocalInput, zoneAbbreviation } from '@agora/ui/dates';
import { apiErrorReply, type FormReply, okReply, parseForm } from '@agora/ui/forms';
import { formatMoney } from '@agora/ui/money';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { orderApi } from '../lib/orders.server.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Csrf, Field, Notice, Shell, StatusBadge } from '../lib/ui.js';
import { useTimeZone, When } from '../lib/when.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Order ${data?.order.id ?? ''}` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const orders = orderApi(api, user.role);
  try {
    return { user, vendor: orders.vendor, order: await orders.get(params.id ?? '') };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new Response('No such order.', { status: 404 });
    throw e;
  }
}

type Reply = FormReply & { form?: string };

export async function action({ request, context, params }: ActionFunctionArgs): Promise<Reply> {
  const { api, user } = await requireTenantUser(request, context);
  const orders = orderApi(api, user.role);
  const id = params.id ?? '';
  const form = await verifiedForm(request);
  const intent = String(form.get('intent'));
  try {
    if (intent === 'ship') {
      const submission = parseForm(ShipOrderBody, form, {
        what: 'shipment',
        toInput: (v) => ({
          carrier: v.carrier,
          trackingNumber: v.trackingNumber,
          lines: Object.keys(v)
            .filter((k) => /^lines\.\d+\.lineNo$/.test(k))
            .map((k) => {
              const i = k.split('.')[1];
              return { lineNo: v[k], qty: v[`lines.${i}.qty`] || '0' };
            }),
        }),
      });
      if (!submission.ok) return { ...submission.reply, form: 'ship' };
      try {
        await api.shipOrder(id, submission.value);
      } catch (e) {
        if (e instanceof ApiError && e.status < 500)
          return { ...apiErrorReply(e, submission.values, 'shipment'), form: 'ship' };
        throw e;
      }
      return okReply('Shipped: the buyer is emailed the tracking number.');
    }
    if (intent === 'track') {
      // The time typed is the marketplace's wall-clock time, not the server's.
      const { timeZone } = await api.storefront();
      const submission = parseForm(AddTrackingEventBody, form, {
        what: 'tracking event',
        toInput: (v) => ({
          status: v.status,
          location: v.location || undefined,
          note: v.note || undefined,
          occurredAt: v.occurredAt
            ? (fromLocalInput(String(v.occurredAt), timeZone)?.toISOString() ?? String(v.occurredAt))
            : undefined,
        }),
      });
      const shipment = String(form.get('shipmentId'));
      if (!submission.ok) return { ...submission.reply, form: `track-${shipment}` };
      await api.addTrackingEvent(id, shipment, submission.value);
      return okReply('Tracking event added.');
    }
    const move = intent as Exclude<OrderAction, 'ship'>;
    if (!(move in ORDER_TRANSITIONS)) throw new Response('Unknown action', { status: 400 });
    const order = await orders.move(id, move, String(form.get('reason') ?? '').trim());
    return okReply(`Done: the order is ${statusLabel(order.status)}.`);
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return { ...apiErrorReply(e, null, 'order'), form: intent };
    throw e;
  }
}

const money = (m: number, c: string) => formatMoney(m, c);

export default function OrderDetail() {
  const { user, vendor, order } = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const result = useActionData<typeof action>();
  const moves = order.actions.filter((a): a is Exclude<OrderAction, 'ship'> => a !== 'ship');
  const canShip = order.actions.includes('ship');
  const errorsFor = (form: string) => (result && !result.ok && result.form === form ? result.fields : {});
  const shipValues = result?.form === 'ship' ? (result.values ?? {}) : {};
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <p>
        <Link to="/console/orders">← Orders</Link>
      </p>
      <h1>
        Order {order.id} <StatusBadge status={order.status} />
      </h1>
      {result ? <Notice kind={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
      {order.statusReason ? <Notice kind="info">Reason: {order.statusReason}</Notice> : null}
      <div className="row">
        <section className="card">
          <h2>Order</h2>
          <dl>
            {vendor ? null : (
              <>
                <dt>Vendor</dt>
                <dd>{order.vendorName}</dd>
              </>
            )}
            <dt>Buyer</dt>
            <dd>
              {order.companyName} ({order.buyerName})
            </dd>
            <dt>Placed</dt>
            <dd>
              <When at={order.placedAt} />
            </dd>
            <dt>PO number</dt>
            <dd>{order.poNumber ?? '—'}</dd>
            <dt>Payment</dt>
            <dd>
              {order.paymentTerms === 'net' ? `Invoice, ${order.netDays} days` : 'Bank transfer in advance'}
            </dd>
            <dt>Ship to</dt>
            <dd>{formatAddress(order.shippingAddress)}</dd>
            <dt>Invoice</dt>
            <dd>
              {order.invoice ? (
                <a href={`/console/order-invoice/${order.id}`} download>
                  {order.invoice.number} (PDF)
                </a>
              ) : (
                'issued when the order is accepted'
              )}
            </dd>
          </dl>
          {order.note ? <p>Note from the buyer: {order.note}</p> : null}
        </section>
        <section className="card">
          <h2>Decisions</h2>
          {moves.length === 0 ? (
            <p className="hint">Nothing to decide for a {statusLabel(order.status)} order.</p>
          ) : null}
          {moves.map((a) => (
            <Form method="post" key={a} className="decision">
              <Csrf />
              <input type="hidden" name="intent" value={a} />
              {ORDER_TRANSITIONS[a].reason !== 'none' ? (
                <Field
                  id={`f-${a}-reason`}
                  label={`Reason to ${ORDER_ACTION_LABELS[a].toLowerCase()} (shown to the buyer)`}
                  name="reason"
                  required={ORDER_TRANSITIONS[a].reason === 'required'}
                  error={errorsFor(a).reason}
                />
              ) : null}
              <button type="submit" className={a === 'reject' || a === 'cancel' ? 'danger' : undefined}>
                {ORDER_ACTION_LABELS[a]}
              </button>
            </Form>
          ))}
        </section>
      </div>

      <section className="card">
        <h2>Lines</h2>
        <table>
          <thead>
            <tr>
              <th>SKU</th>
              <th>Item</th>
              <th>Qty</th>
              <th>Shipped</th>
              <th>Unit price</th>
              <th>Net</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((l) => (
              <tr key={l.lineNo}>
                <td>{l.sku}</td>
                <td>{l.title}</td>
                <td>
                  {l.qty} {l.unit}
                </td>
                <td>{l.shippedQty}</td>
                <td>{money(l.unitPriceMinor, order.currency)}</td>
                <td>{money(l.netMinor, order.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl>
          <dt>Subtotal</dt>
          <dd>{money(order.subtotalMinor, order.currency)}</dd>
          <dt>Tax</dt>
          <dd>{money(order.taxMinor, order.currency)}</dd>
          <dt>Shipping</dt>
          <dd>{money(order.shippingMinor, order.currency)}</dd>
          <dt>Total</dt>
          <dd>
            <strong>{money(order.totalMinor, order.currency)}</strong>
          </dd>
        </dl>
        {order.status === 'accepted' || order.status === 'shipped' ? (
          <p className="hint">
            {order.fullyShipped ? 'Every line has shipped.' : 'Not every line has shipped yet.'}
          </p>
        ) : null}
      </section>

      {canShip ? (
        <section className="card">
          <h2>Ship</h2>
          <Form method="post" aria-label="Ship">
            <Csrf />
            <input type="hidden" name="intent" value="ship" />
            {order.lines.map((l, i) => (
              <div key={l.lineNo}>
                <input type="hidden" name={`lines.${i}.lineNo`} value={l.lineNo} />
                <Field
                  id={`f-ship-${l.lineNo}`}
                  label={`${l.sku} ${l.title}: quantity to ship (${l.qty - l.shippedQty} left)`}
                  name={`lines.${i}.qty`}
                  error={errorsFor('ship')[`lines.${i}.qty`]}
                >
                  <input
                    id={`f-ship-${l.lineNo}`}
                    name={`lines.${i}.qty`}
                    type="number"
                    min={0}
                    max={l.qty - l.shippedQty}
                    defaultValue={String(shipValues[`lines.${i}.qty`] ?? l.qty - l.shippedQty)}
                  />
                </Field>
              </div>
            ))}
            <Field
              id="f-carrier"
              label="Carrier"
              name="carrier"
              required
              defaultValue={String(shipValues.carrier ?? '')}
              error={errorsFor('ship').carrier}
            />
            <Field
              id="f-trackingNumber"
              label="Tracking number"
              name="trackingNumber"
              required
              defaultValue={String(shipValues.trackingNumber ?? '')}
              error={errorsFor('ship').trackingNumber}
            />
            {errorsFor('ship').lines ? <p className="error">{errorsFor('ship').lines}</p> : null}
            <button type="submit">Ship</button>
          </Form>
        </section>
      ) : null}

      <section className="card">
        <h2>Shipments</h2>
        {order.shipments.length === 0 ? <p className="hint">Nothing has shipped yet.</p> : null}
        {order.shipments.map((s) => (
          <div key={s.id} className="shipment">
            <h3>
              {s.carrier} {s.trackingNumber}
            </h3>
            <p className="hint">
              Sent <When at={s.shippedAt} />:{' '}
              {s.lines
                .map(
                  (sl) => `${sl.qty} × ${order.lines.find((l) => l.lineNo === sl.lineNo)?.sku ?? sl.lineNo}`,
                )
                .join(', ')}
            </p>
            <ul>
              {s.events.map((e) => (
                <li key={e.id}>
                  <When at={e.occurredAt} />: {statusLabel(e.status)}
                  {e.location ? `, ${e.location}` : ''}
                  {e.note ? ` (${e.note})` : ''}
                </li>
              ))}
            </ul>
            {vendor ? (
              <Form method="post" className="toolbar" aria-label={`Tracking for ${s.trackingNumber}`}>
                <Csrf />
                <input type="hidden" name="intent" value="track" />
                <input type="hidden" name="shipmentId" value={s.id} />
                <Field
                  id={`f-status-${s.id}`}
                  label="Tracking status"
                  name="status"
                  error={errorsFor(`track-${s.id}`).status}
                >
                  <select id={`f-status-${s.id}`} name="status">
                    {TRACKING_STATUSES.map((t) => (
                      <option key={t} value={t}>
                        {statusLabel(t)}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field
                  id={`f-location-${s.id}`}
                  label="Location"
                  name="location"
                  error={errorsFor(`track-${s.id}`).location}
                />
                <Field
                  id={`f-note-${s.id}`}
                  label="Note"
                  name="note"
                  error={errorsFor(`track-${s.id}`).note}
                />
                <Field
                  id={`f-at-${s.id}`}
                  label={`When (${zoneAbbreviation(new Date(), timeZone)}; empty: now)`}
                  name="occurredAt"
                  type="datetime-local"
                />
                <button type="submit" className="secondary">
                  Add tracking event
                </button>
              </Form>
            ) : null}
          </div>
        ))}
      </section>

      <section className="card">
        <h2>History</h2>
        <ol className="timeline">
          {order.timeline.map((e) => (
            <li key={`${e.at}-${e.kind}-${e.status}-${e.text}`}>
              <When at={e.at} /> {e.text}
            </li>
          ))}
        </ol>
      </section>
    </Shell>
  );
}
