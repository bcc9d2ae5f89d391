import { ApiError } from '@agora/api-client';
import { StatementQuery } from '@agora/contracts';
import { ledgerKindLabel, statusLabel } from '@agora/contracts/labels';
import { formatMoney } from '@agora/ui/money';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser } from '../lib/session.server.js';
import { Field, NextPage, Notice, Shell } from '../lib/ui.js';
import { When } from '../lib/when.js';

export const meta: MetaFunction = () => [{ title: 'Balance' }];

const FILTERS = ['from', 'to', 'currency'] as const;

/** The filters as typed (empty ones left out), for the form, the next page and the CSV link. */
function filtersOf(params: URLSearchParams) {
  return Object.fromEntries(
    FILTERS.map((k) => [k, params.get(k) ?? ''] as const).filter(([, v]) => v !== ''),
  );
}

const hrefWith = (path: string, params: Record<string, string>) => {
  const qs = new URLSearchParams(params).toString();
  return qs ? `${path}?${qs}` : path;
};

/** The vendor's balance per currency and its statement (ADR 0038). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const params = new URL(request.url).searchParams;
  const filters = filtersOf(params);
  const query = StatementQuery.safeParse({ ...filters, cursor: params.get('cursor') ?? undefined });
  const balance = await api.vendorBalance();
  if (!query.success) {
    const fields = Object.fromEntries(query.error.issues.map((i) => [String(i.path[0]), i.message]));
    return { user, balance, filters, fields, page: { data: [], nextCursor: null } };
  }
  try {
    const page = await api.vendorStatement({ ...filters, cursor: params.get('cursor') ?? undefined });
    return { user, balance, filters, fields: {} as Record<string, string>, page };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 400) throw e;
    const fields = Object.fromEntries(
      ((e.details as { fields?: { path: string; message: string }[] })?.fields ?? []).map((f) => [
        f.path,
        f.message,
      ]),
    );
    return { user, balance, filters, fields, page: { data: [], nextCursor: null } };
  }
}

export default function Balance() {
  const { user, balance, filters, fields, page } = useLoaderData<typeof loader>();
  const hasErrors = Object.keys(fields).length > 0;
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>Balance</h1>
      {balance.data.length === 0 ? (
        <div className="card empty">
          No money on your account yet: orders appear here when they are placed.
        </div>
      ) : (
        balance.data.map((b) => (
          <section key={b.currency} className="row" aria-label={`Balance in ${b.currency}`}>
            <div className="card stat">
              <div className="stat-label">Pending (until delivery)</div>
              <div className="stat-value" data-testid={`pending-${b.currency}`}>
                {formatMoney(b.pendingMinor, b.currency)}
              </div>
            </div>
            <div className="card stat">
              <div className="stat-label">Available</div>
              <div className="stat-value" data-testid={`available-${b.currency}`}>
                {formatMoney(b.availableMinor, b.currency)}
              </div>
            </div>
            <div className="card stat">
              <div className="stat-label">Paid out</div>
              <div className="stat-value" data-testid={`paid-${b.currency}`}>
                {formatMoney(b.paidMinor, b.currency)}
              </div>
            </div>
          </section>
        ))
      )}
      <h2>Statement</h2>
      {hasErrors ? (
        <Notice kind="error">Some filters are not valid. Correct the marked fields and filter again.</Notice>
      ) : null}
      <Form method="get" className="toolbar" role="search">
        <Field label="From" name="from" type="date" defaultValue={filters.from} error={fields.from} />
        <Field label="To" name="to" type="date" defaultValue={filters.to} error={fields.to} />
        <Field label="Currency" name="currency" defaultValue={filters.currency} error={fields.currency} />
        <button type="submit" className="secondary">
          Filter
        </button>
        <a href={hrefWith('/console/balance/csv', filters)} download>
          Download CSV
        </a>
      </Form>
      {page.data.length === 0 ? (
        hasErrors ? null : (
          <div className="card empty">No entries match.</div>
        )
      ) : (
        <>
          <p className="hint">
            Amount: what the marketplace owes you for the entry, after its commission on the order (a
            cancellation gives the commission back).
          </p>
          <table>
            <thead>
              <tr>
                <th>Date</th>
                <th>What</th>
                <th>Order</th>
                <th>Reference</th>
                <th className="amount">Commission</th>
                <th className="amount">Amount</th>
              </tr>
            </thead>
            <tbody>
              {page.data.map((e) => (
                <tr key={e.id}>
                  <td>
                    <When at={e.occurredAt} date />
                  </td>
                  <td>{ledgerKindLabel(e.kind)}</td>
                  <td>
                    {e.orderId ? (
                      <>
                        {e.orderId}
                        {e.orderStatus ? (
                          <small className="hint"> ({statusLabel(e.orderStatus)})</small>
                        ) : null}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{e.kind === 'vendor_paid' ? e.reference : ''}</td>
                  <td className="amount" data-testid="entry-commission">
                    {e.commissionMinor === null ? '—' : formatMoney(e.commissionMinor, e.currency)}
                  </td>
                  <td className="amount">{formatMoney(e.amountMinor, e.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <NextPage
        to={page.nextCursor ? hrefWith('/console/balance', { ...filters, cursor: page.nextCursor }) : null}
      />
    </Shell>
  );
}
