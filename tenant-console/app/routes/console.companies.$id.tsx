import { type Address, ApiError } from '@agora/api-client';
import { CompanyTermsBody } from '@agora/contracts';
import {
  COMPANY_ACTION_LABELS,
  type CompanyDecisionAction,
  companyDecisionsFor,
} from '@agora/contracts/company-transitions';
import { BUYER_ROLE_LABELS as ROLE_NAMES, statusLabel } from '@agora/contracts/labels';
import { apiErrorReply, type FormReply, okReply, parseForm } from '@agora/ui/forms';
import { formatMoney, minorToInput, parseMoney } from '@agora/ui/money';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Csrf, Field, Notice, Shell, StatusBadge } from '../lib/ui.js';
import { When } from '../lib/when.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.company.legalName ?? 'Company' },
];

/** Decisions that need a reason, and how the field asks for it. */
const REASONS: Partial<Record<CompanyDecisionAction, string>> = {
  reject: 'Reason to reject (sent to the company)',
  request_info: 'What is missing? (sent to the company)',
  suspend: 'Reason to suspend (sent to the company)',
};

const addressLine = (a: Address) =>
  [a.line1, a.line2, `${a.postalCode} ${a.city}`.trim(), a.region, a.country].filter(Boolean).join(', ');

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  try {
    return { user, company: await api.operatorCompany(params.id ?? '') };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new Response('No such company.', { status: 404 });
    throw e;
  }
}

export async function action({ request, context, params }: ActionFunctionArgs): Promise<FormReply> {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
  const id = params.id ?? '';
  try {
    if (form.get('intent') === 'terms') {
      const { currency } = await api.operatorCompany(id);
      const submission = parseForm(CompanyTermsBody, form, {
        what: 'terms',
        toInput: (v) => {
          const credit = typeof v.credit === 'string' ? v.credit.trim() : '';
          return {
            paymentTerms: v.paymentTerms,
            netDays: v.paymentTerms === 'prepay' ? 0 : v.netDays,
            creditLimitMinor: credit === '' ? null : (parseMoney(credit, currency) ?? Number.NaN),
          };
        },
      });
      if (!submission.ok) {
        const fields = { ...submission.reply.fields };
        if (fields.creditLimitMinor) {
          fields.credit = fields.creditLimitMinor.map((m) =>
            m === 'must be an amount' ? 'must be an amount like 5000.00' : m,
          );
          delete fields.creditLimitMinor;
        }
        return { ...submission.reply, fields };
      }
      await api.updateCompanyTerms(id, submission.value);
      return okReply('Terms saved; the company admins are told.');
    }
    const action = String(form.get('decision')) as CompanyDecisionAction;
    const reason = String(form.get('reason') ?? '').trim();
    const company = await api.decideCompany(id, { action, ...(reason ? { reason } : {}) });
    return okReply(`Done: ${company.legalName} is now ${statusLabel(company.status, 'company')}.`);
  } catch (e) {
    if (e instanceof ApiError && e.status < 500)
      return apiErrorReply(e, null, 'decision', { keepMessage: true });
    throw e;
  }
}

export default function CompanyDetail() {
  const { user, company } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const decisions = companyDecisionsFor(company.status);
  const { terms, currency } = company;
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <p>
        <Link to="/console/companies">← Buyer companies</Link>
      </p>
      <h1>
        {company.legalName} <StatusBadge status={company.status} of="company" />
      </h1>
      {result ? <Notice kind={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
      {company.statusReason ? <Notice kind="info">{company.statusReason}</Notice> : null}
      <div className="row">
        <section className="card">
          <h2>Company</h2>
          <dl>
            <dt>Legal name</dt>
            <dd>{company.legalName}</dd>
            <dt>Country</dt>
            <dd>{company.country}</dd>
            <dt>Tax id</dt>
            <dd>{company.taxId}</dd>
            <dt>Billing address</dt>
            <dd>{addressLine(company.billingAddress)}</dd>
            <dt>Shipping addresses</dt>
            <dd>
              <ul>
                {company.shippingAddresses.map((a) => (
                  <li key={a.id}>
                    <strong>{a.label}</strong>: {addressLine(a.address)}
                  </li>
                ))}
              </ul>
            </dd>
            <dt>Signed up</dt>
            <dd>
              <When at={company.createdAt} />
            </dd>
          </dl>
          <h2>Members</h2>
          <table data-testid="company-members">
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Role</th>
                <th>Limit</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {company.members.map((m) => (
                <tr key={m.id}>
                  <td>{m.name || '—'}</td>
                  <td>
                    {m.email}
                    {m.emailVerified ? '' : ' (not verified)'}
                  </td>
                  <td>{ROLE_NAMES[m.role] ?? m.role}</td>
                  <td>
                    {m.spendingLimit
                      ? `${formatMoney(m.spendingLimit.amountMinor, currency)} / ${m.spendingLimit.period}`
                      : '—'}
                  </td>
                  <td>{statusLabel(m.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>History</h2>
          <ul data-testid="company-history">
            {company.history.map((h) => (
              <li key={`${h.at}-${h.action}`}>
                <When at={h.at} />: {h.action.replaceAll('_', ' ')}
                {h.actorName ? ` by ${h.actorName}` : ''}
                {h.reason ? ` (${h.reason})` : ''}
              </li>
            ))}
          </ul>
        </section>
        <section className="card">
          <h2>Decision</h2>
          {decisions.length === 0 ? (
            <p className="hint">
              No decision is open for a {statusLabel(company.status, 'company')} company.
            </p>
          ) : null}
          {decisions.map((d) => (
            <Form method="post" key={d} className="decision">
              <Csrf />
              <input type="hidden" name="decision" value={d} />
              {REASONS[d] ? <Field id={`f-${d}-reason`} label={REASONS[d]} name="reason" required /> : null}
              <button type="submit" className={d === 'reject' || d === 'suspend' ? 'danger' : undefined}>
                {COMPANY_ACTION_LABELS[d]}
              </button>
            </Form>
          ))}
          <h2>Terms</h2>
          <p data-testid="terms">
            {terms.paymentTerms === 'net' ? `Invoice, ${terms.netDays} days` : 'Bank transfer in advance'} ·
            credit limit{' '}
            {terms.creditLimitMinor === null ? 'none' : formatMoney(terms.creditLimitMinor, currency)}
          </p>
          <Form method="post" key={JSON.stringify(terms)}>
            <Csrf />
            <input type="hidden" name="intent" value="terms" />
            <div className="field">
              <label htmlFor="f-paymentTerms">Payment terms</label>
              <select id="f-paymentTerms" name="paymentTerms" defaultValue={terms.paymentTerms}>
                <option value="prepay">Bank transfer in advance</option>
                <option value="net">Invoice (net days)</option>
              </select>
            </div>
            <Field
              label="Net days (invoice terms)"
              name="netDays"
              type="number"
              defaultValue={String(terms.netDays || 30)}
              error={result?.fields?.netDays}
            />
            <Field
              label={`Credit limit (${currency}; empty for none)`}
              name="credit"
              defaultValue={
                terms.creditLimitMinor === null ? '' : minorToInput(terms.creditLimitMinor, currency)
              }
              error={result?.fields?.credit}
            />
            <button type="submit">Save terms</button>
          </Form>
        </section>
      </div>
    </Shell>
  );
}
