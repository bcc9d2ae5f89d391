import { ApiError } from '@agora/api-client';
import type { CommissionExplanation } from '@agora/contracts';
import { COMMISSION_CAP_LABELS, COMMISSION_REASON_LABELS } from '@agora/contracts/labels';
import { FieldErrors } from '@agora/ui/form-fields';
import { formatMoney } from '@agora/ui/money';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { ruleSummary, ruleTarget } from '../lib/commission-summary.js';
import { navFor } from '../lib/nav.js';
import { requireTenantUser } from '../lib/session.server.js';
import { Notice, Shell } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Explain commission' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const params = new URL(request.url).searchParams;
  const product = params.get('product') ?? '';
  const qty = params.get('qty') ?? '';
  const query = { product, qty };
  if (!product)
    return { user, query, explanation: null, fields: {} as Record<string, string[]>, message: '' };
  try {
    const explanation: CommissionExplanation = await api.explainCommission({
      productId: product,
      qty: Number(qty || 1),
    });
    return { user, query, explanation, fields: {} as Record<string, string[]>, message: '' };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 400) throw e;
    const fields: Record<string, string[]> = {};
    for (const f of e.details?.fields ?? []) {
      const name = f.path === 'productId' ? 'product' : f.path;
      fields[name] = [...(fields[name] ?? []), f.message];
    }
    return { user, query, explanation: null, fields, message: e.message };
  }
}

const OUTCOME: Record<string, string> = { won: 'wins', lost: 'loses', not_applicable: 'does not apply' };

export default function ExplainCommission() {
  const { user, query, explanation: e, fields, message } = useLoaderData<typeof loader>();
  const money = (m: number) => formatMoney(m, e?.currency ?? 'EUR');
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <p>
        <Link to="/console/commission">← Commission rules</Link>
      </p>
      <h1>Explain commission</h1>
      <p className="hint">
        Every rule for a product at a quantity now, and why each one wins, loses or does not apply.
      </p>
      {message ? <Notice kind="error">{message}</Notice> : null}
      <Form method="get" className="toolbar">
        <div className={`field${fields.product ? ' has-error' : ''}`}>
          <label htmlFor="product">Product id</label>
          <input
            id="product"
            name="product"
            defaultValue={query.product}
            aria-invalid={fields.product ? true : undefined}
          />
          <FieldErrors name="product" errors={fields.product} />
        </div>
        <div className={`field${fields.qty ? ' has-error' : ''}`}>
          <label htmlFor="qty">Quantity</label>
          <input
            id="qty"
            name="qty"
            type="number"
            min={1}
            defaultValue={query.qty || '1'}
            aria-invalid={fields.qty ? true : undefined}
          />
          <FieldErrors name="qty" errors={fields.qty} />
        </div>
        <button type="submit" className="secondary">
          Explain
        </button>
      </Form>
      {e ? (
        <>
          <div className="card" data-testid="commission-result">
            <p>
              <strong>{e.productTitle}</strong> × {e.qty.toLocaleString('en')} = {money(e.netMinor)} (before
              tax).
            </p>
            <p>
              Commission: <strong>{money(e.commission.amountMinor)}</strong>
              {e.commission.cap !== 'none' ? ` (${COMMISSION_CAP_LABELS[e.commission.cap]})` : ''}. The
              vendor’s sales in the last 30 days: {money(e.vendorGmv30dMinor)}.
            </p>
          </div>
          <table>
            <thead>
              <tr>
                <th>Rule</th>
                <th>Commission</th>
                <th>Outcome</th>
                <th>Why</th>
                <th>Would give</th>
              </tr>
            </thead>
            <tbody>
              {e.candidates.map((c) => (
                <tr key={c.rule?.id ?? 'draft'} data-outcome={c.outcome}>
                  <td>
                    {c.rule ? (
                      <Link to={`/console/commission/${c.rule.id}`}>{ruleTarget(c.rule)}</Link>
                    ) : (
                      'draft'
                    )}
                    {c.rule ? (
                      <small className="hint">
                        {' '}
                        v{c.rule.version}, priority {c.rule.priority}
                      </small>
                    ) : null}
                  </td>
                  <td>{c.rule ? ruleSummary(c.rule) : ''}</td>
                  <td>
                    <span
                      className={`badge badge-${c.outcome === 'won' ? 'active' : c.outcome === 'lost' ? 'pending' : 'disabled'}`}
                    >
                      {OUTCOME[c.outcome]}
                    </span>
                  </td>
                  <td>{COMMISSION_REASON_LABELS[c.reason] ?? c.reason}</td>
                  <td>
                    {c.amountMinor === null ? '—' : money(c.amountMinor)}
                    {c.cap && c.cap !== 'none' ? (
                      <small className="hint"> {COMMISSION_CAP_LABELS[c.cap]}</small>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </Shell>
  );
}
