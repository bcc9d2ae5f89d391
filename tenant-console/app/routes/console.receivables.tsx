import { RecordInvoicePaymentBody } from '@agora/contracts';
import { FieldErrors } from '@agora/ui/form-fields';
import type { FormReply } from '@agora/ui/forms';
import { formatMoney } from '@agora/ui/money';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { recordLedgerForm } from '../lib/ledger-form.server.js';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { replyFor, TransferForm } from '../lib/transfer-form.js';
import { NextPage, Notice, Shell } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Receivables' }];

/** What buyer companies owe, with their open and overdue invoices, and the payment form (ADR 0038). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const params = new URL(request.url).searchParams;
  const page = await api.receivables({ cursor: params.get('cursor') ?? undefined });
  return {
    user,
    page,
    recorded: params.get('recorded'),
    today: new Date().toISOString().slice(0, 10),
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
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>Receivables</h1>
      {recorded ? <Notice kind="success">Payment recorded.</Notice> : null}
      {page.data.length === 0 ? (
        <div className="card empty">No buyer owes anything yet.</div>
      ) : (
        page.data.map((c) => {
          const owner = { field: 'companyId', id: c.companyId } as const;
          const r = replyFor(reply, owner, c.currency);
          const chosen = (r?.values?.orderIds as string[] | undefined) ?? c.invoices.map((i) => i.orderId);
          const id = `${c.companyId}-${c.currency}`;
          return (
            <section key={id} className="card" aria-label={c.companyName}>
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
                <TransferForm
                  owner={owner}
                  currency={c.currency}
                  idempotencyKey={idempotencyKey}
                  reply={r}
                  amountLabel="Amount received"
                  dateLabel="Received on"
                  defaultAmountMinor={c.invoices.reduce((s, i) => s + i.outstandingMinor, 0)}
                  today={today}
                  submit="Record payment"
                >
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
                </TransferForm>
              )}
            </section>
          );
        })
      )}
      <NextPage
        to={page.nextCursor ? `/console/receivables?cursor=${encodeURIComponent(page.nextCursor)}` : null}
      />
    </Shell>
  );
}
