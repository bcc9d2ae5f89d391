import { RecordVendorPayoutBody } from '@agora/contracts';
import type { FormReply } from '@agora/ui/forms';
import { formatMoney } from '@agora/ui/money';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { recordLedgerForm } from '../lib/ledger-form.server.js';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { replyFor, TransferForm } from '../lib/transfer-form.js';
import { NextPage, Notice, Shell } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Payables' }];

/** What the marketplace owes each vendor, and the payout form (ADR 0038). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const params = new URL(request.url).searchParams;
  const page = await api.payables({ cursor: params.get('cursor') ?? undefined });
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
    schema: RecordVendorPayoutBody,
    what: 'payout',
    post: (body) => api.recordVendorPayout(body),
    page: '/console/payables',
  });
}

export default function Payables() {
  const { user, page, recorded, today, idempotencyKey } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>Payables</h1>
      {recorded ? <Notice kind="success">Payout recorded.</Notice> : null}
      {page.data.length === 0 ? (
        <div className="card empty">No vendor has earned anything yet.</div>
      ) : (
        page.data.map((v) => {
          const owner = { field: 'vendorId', id: v.vendorId } as const;
          const r = replyFor(reply, owner, v.currency);
          const id = `${v.vendorId}-${v.currency}`;
          return (
            <section key={id} className="card" aria-label={v.vendorName}>
              <h2>
                {v.vendorName} <small className="hint">{v.currency}</small>
              </h2>
              <dl className="row">
                <div>
                  <dt className="stat-label">Pending (until delivery)</dt>
                  <dd className="stat-value">{formatMoney(v.pendingMinor, v.currency)}</dd>
                </div>
                <div>
                  <dt className="stat-label">Available</dt>
                  <dd className="stat-value" data-testid={`available-${id}`}>
                    {formatMoney(v.availableMinor, v.currency)}
                  </dd>
                </div>
                <div>
                  <dt className="stat-label">Paid out</dt>
                  <dd className="stat-value" data-testid={`paid-${id}`}>
                    {formatMoney(v.paidMinor, v.currency)}
                  </dd>
                </div>
              </dl>
              {v.availableMinor > 0 || r ? (
                <TransferForm
                  owner={owner}
                  currency={v.currency}
                  idempotencyKey={idempotencyKey}
                  reply={r}
                  amountLabel="Amount paid"
                  dateLabel="Paid on"
                  defaultAmountMinor={v.availableMinor}
                  today={today}
                  submit="Record payout"
                />
              ) : null}
            </section>
          );
        })
      )}
      <NextPage
        to={page.nextCursor ? `/console/payables?cursor=${encodeURIComponent(page.nextCursor)}` : null}
      />
    </Shell>
  );
}
