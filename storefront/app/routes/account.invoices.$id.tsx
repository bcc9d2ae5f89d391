import { ApiError } from '@agora/api-client';
import type { MetaFunction } from '@remix-run/react';
import { useLoaderData } from '@remix-run/react';
import { json, type LoaderFunctionArgs } from '@remix-run/server-runtime';
import { AppLink } from '../components/app-link.js';
import { Money } from '../components/price.js';
import { When } from '../components/when.js';
import { requireBuyer } from '../session.server.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Invoice ${data?.invoice.number ?? ''}` },
];

/** The printable invoice of an order (the same document as the PDF). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { api } = await requireBuyer(request, context);
  try {
    return json(
      { invoice: await api.buyerInvoice(params.id ?? '') },
      { headers: { 'cache-control': 'private, no-store' } },
    );
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new Response(e.message, { status: 404 });
    throw e;
  }
}

export default function Invoice() {
  const { invoice: d } = useLoaderData<typeof loader>();
  const m = (minor: number) => <Money minor={minor} currency={d.currency} />;
  return (
    <main className="page narrow-page invoice">
      <p className="no-print">
        <AppLink to={`/account/orders/${d.orderId}`}>← The order</AppLink> ·{' '}
        <a href={`/account/invoice-pdf/${d.orderId}`} download>
          Download PDF
        </a>
      </p>
      <h1>Invoice {d.number}</h1>
      <p>
        Issued <When at={d.issuedAt} date /> · due <When at={d.dueAt} date /> · order {d.orderId}
        {d.poNumber ? ` · your PO ${d.poNumber}` : ''}
      </p>
      <div className="row">
        <section>
          <h2>Seller</h2>
          <p>
            {d.seller.name}
            <br />
            Tax id {d.seller.taxId}
            <br />
            {d.seller.country}
            <br />
            via {d.marketplaceName}
          </p>
        </section>
        <section>
          <h2>Bill to</h2>
          <p>
            {d.buyer.name}
            <br />
            Tax id {d.buyer.taxId}
            {Object.values(d.buyer.address).map((line) => (
              <span key={line}>
                <br />
                {line}
              </span>
            ))}
          </p>
        </section>
      </div>
      <table>
        <thead>
          <tr>
            <th>Item</th>
            <th>Qty</th>
            <th>Unit price</th>
            <th>Tax</th>
            <th>Net</th>
          </tr>
        </thead>
        <tbody>
          {d.lines.map((l) => (
            <tr key={l.sku}>
              <td>
                {l.title} ({l.sku})
              </td>
              <td>
                {l.qty} {l.unit}
              </td>
              <td>{m(l.unitPriceMinor)}</td>
              <td>{l.taxBps / 100}%</td>
              <td>{m(l.netMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl>
        <dt>Subtotal</dt>
        <dd>{m(d.subtotalMinor)}</dd>
        <dt>Tax</dt>
        <dd>{m(d.taxMinor)}</dd>
        <dt>Shipping</dt>
        <dd>{m(d.shippingMinor)}</dd>
        <dt>Total</dt>
        <dd>
          <strong>{m(d.totalMinor)}</strong>
        </dd>
      </dl>
      <p>
        Payment terms:{' '}
        {d.paymentTerms === 'net' ? `invoice, payable within ${d.netDays} days` : 'bank transfer in advance'}.
        Due <When at={d.dueAt} date />.
        {d.paidAt ? (
          <>
            {' '}
            Paid <When at={d.paidAt} date />.
          </>
        ) : null}
      </p>
    </main>
  );
}
