import { RecordInvoicePaymentBody } from '@agora/contracts';
import { FieldErrors } from '@agora/ui/form-fields';
import type { FormReply } from '@agora/ui/forms';
import { formatMoney, minorToInput } from '@agora/ui/money';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { recordLedgerForm } from '../lib/ledger-form.server.js';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Csrf, Field, Notice, Shell } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Receivables' }];

const today = () => new Date().toISOString().slice(0, 10);

/** What buyer companies owe, with their open and overdue invoices, and the payment form (ADR 0038). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const params = new URL(request.url).searchParams;
  const page = await api.receivables({ cursor: params.get('cursor') ?? undefined });
  return {
    user,
    page,
    recorded: params.get('recorded'),
    today: today(),
    // One key per page view: submitting the same form twice (a double click, a retry) records once.
    idempotencyKey: crypto.randomUUID(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  return recordLedgerForm(await verifiedForm(request), {
    schema: RecordInvoicePaymentBody,
    what: 'payment',
    arrays: ['orderIds'],
    post: (body) => api.recordInvoicePayment(body),
    page: '/console/receivables',
  });
}

export default function Receivables() {
  const { user, page, recorded, today, idempotencyKey } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const replyFor = (companyId: string, currency: string) =>
    reply && reply.values?.companyId === companyId && reply.values?.currency === currency ? reply : undefined;
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>Receivables</h1>
      {recorded ? <Notice kind="success">Payment recorded.</Notice> : null}
      {page.data.length === 0 ? (
        <div className="card empty">No buyer owes anything yet.</div>
      ) : (
        page.data.map((c) => {
          const r = replyFor(c.companyId, c.currency);
          const chosen = (r?.values?.orderIds as string[] | undefined) ?? c.invoices.map((i) => i.orderId);
          return (
            <section key={`${c.companyId}-${c.currency}`} className="card" aria-label={c.companyName}>
              <h2>
                {c.companyName} <small className="hint">{c.currency}</small>
              </h2>
              <p>
                Owes <strong>{formatMoney(c.outstandingMinor, c.currency)}</strong>
                {c.overdueMinor > 0 ? (
                  <>
                    , of which{' '}
                    <strong className="error">{formatMoney(c.overdueMinor, c.currency)} overdue</strong>
                  </>
                ) : null}
              </p>
              {c.invoices.length === 0 ? null : (
                <Form method="post">
                  <Csrf />
                  <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
                  <input type="hidden" name="companyId" value={c.companyId} />
                  <input type="hidden" name="currency" value={c.currency} />
                  {r && !r.ok ? <Notice kind="error">{r.message}</Notice> : null}
                  <table>
                    <thead>
                      <tr>
                        <th>Pay</th>
                        <th>Order</th>
                        <th>Due</th>
                        <th className="amount">Open</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.invoices.map((i) => (
                        <tr key={i.orderId}>
                          <td>
                            <input
                              type="checkbox"
                              name="orderIds"
                              value={i.orderId}
                              defaultChecked={chosen.includes(i.orderId)}
                              aria-label={`Pay ${i.orderId}`}
                            />
                          </td>
                          <td>{i.orderId}</td>
                          <td>
                            {i.dueOn} {i.overdue ? <span className="badge badge-failed">overdue</span> : null}
                          </td>
                          <td className="amount">{formatMoney(i.outstandingMinor, c.currency)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <FieldErrors name="orderIds" errors={r?.fields.orderIds} />
                  <div className="row">
                    <Field
                      id={`amount-${c.companyId}-${c.currency}`}
                      label={`Amount received (${c.currency})`}
                      name="amount"
                      defaultValue={
                        (r?.values?.amount as string | undefined) ??
                        minorToInput(
                          c.invoices.reduce((s, i) => s + i.outstandingMinor, 0),
                          c.currency,
                        )
                      }
                      error={r?.fields.amountMinor}
                    />
                    <Field
                      id={`paidOn-${c.companyId}-${c.currency}`}
                      label="Received on"
                      name="paidOn"
                      type="date"
                      defaultValue={(r?.values?.paidOn as string | undefined) ?? today}
                      error={r?.fields.paidOn}
                    />
                    <Field
                      id={`reference-${c.companyId}-${c.currency}`}
                      label="Bank reference"
                      name="reference"
                      defaultValue={r?.values?.reference as string | undefined}
                      error={r?.fields.reference}
                    />
                  </div>
                  <button type="submit">Record payment</button>
                </Form>
              )}
            </section>
          );
        })
      )}
      {page.nextCursor ? (
        <p>
          <Link to={`/console/receivables?cursor=${encodeURIComponent(page.nextCursor)}`}>Next page →</Link>
        </p>
      ) : null}
    </Shell>
  );
}
