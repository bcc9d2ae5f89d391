import { ApiError } from '@agora/api-client';
import { formatBps, formatMoney } from '@agora/ui/money';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { BarList, ColumnChart } from '../lib/bar-chart.js';
import { navFor } from '../lib/nav.js';
import { requireTenantUser } from '../lib/session.server.js';
import { Field, Notice, Shell } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Revenue' }];

/** The operator's revenue dashboard (ADR 0038): commission by day, vendor and category; GMV. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const params = new URL(request.url).searchParams;
  const filters = {
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    currency: params.get('currency') ?? '',
  };
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
  try {
    return {
      user,
      filters,
      fields: {} as Record<string, string>,
      revenue: await api.revenueDashboard(query),
    };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 400) throw e;
    const fields = Object.fromEntries(
      ((e.details as { fields?: { path: string; message: string }[] })?.fields ?? []).map((f) => [
        f.path,
        f.message,
      ]),
    );
    return { user, filters, fields, revenue: null };
  }
}

export default function Revenue() {
  const { user, filters, fields, revenue } = useLoaderData<typeof loader>();
  const money = (v: number) => formatMoney(v, revenue?.currency ?? 'EUR');
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>Revenue</h1>
      {revenue ? null : (
        <Notice kind="error">Some filters are not valid. Correct the marked fields and try again.</Notice>
      )}
      <Form method="get" className="toolbar" role="search">
        <Field
          label="From"
          name="from"
          type="date"
          defaultValue={filters.from || revenue?.from}
          error={fields.from}
        />
        <Field label="To" name="to" type="date" defaultValue={filters.to || revenue?.to} error={fields.to} />
        <Field
          label="Currency"
          name="currency"
          defaultValue={filters.currency || revenue?.currency}
          error={fields.currency}
        />
        <button type="submit" className="secondary">
          Show
        </button>
      </Form>
      {revenue ? (
        <>
          <section className="row" aria-label="Totals">
            <div className="card stat">
              <div className="stat-label">Commission</div>
              <div className="stat-value" data-testid="commission">
                {money(revenue.commissionMinor)}
              </div>
            </div>
            <div className="card stat">
              <div className="stat-label">GMV (net goods)</div>
              <div className="stat-value" data-testid="gmv">
                {money(revenue.gmvMinor)}
              </div>
            </div>
            <div className="card stat">
              <div className="stat-label">Average rate</div>
              <div className="stat-value" data-testid="average-rate">
                {formatBps(revenue.averageRateBps)}
              </div>
            </div>
          </section>
          <section className="card">
            <h2>Commission by day</h2>
            <ColumnChart
              title={`${revenue.from} to ${revenue.to}`}
              format={money}
              bars={revenue.byDay.map((d) => ({ label: d.day, value: d.commissionMinor }))}
            />
          </section>
          <div className="row">
            <section className="card">
              <h2>By vendor</h2>
              {revenue.byVendor.length ? (
                <BarList
                  title="Commission by vendor"
                  format={money}
                  bars={revenue.byVendor.map((v) => ({ label: v.vendorName, value: v.commissionMinor }))}
                />
              ) : (
                <p className="empty">No commission in this range.</p>
              )}
            </section>
            <section className="card">
              <h2>By category</h2>
              {revenue.byCategory.length ? (
                <BarList
                  title="Commission by category"
                  format={money}
                  bars={revenue.byCategory.map((c) => ({ label: c.categoryName, value: c.commissionMinor }))}
                />
              ) : (
                <p className="empty">No commission in this range.</p>
              )}
            </section>
          </div>
        </>
      ) : null}
    </Shell>
  );
}
