import { CompanyDetailsBody } from '@agora/contracts';
import { statusLabel } from '@agora/contracts/labels';
import { type FormValues, okReply, parseForm } from '@agora/ui/forms';
import { formatMoney } from '@agora/ui/money';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, redirect } from '@remix-run/server-runtime';
import { addressFrom, refusal } from '../account.server.js';
import { addressLine, CompanyFields, FormMessage, SessionCsrf } from '../components/account-forms.js';
import { AccountNav, CompanyStatusNote } from '../components/account-nav.js';
import { requireBuyer, verifiedForm } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Your company' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, api } = await requireBuyer(request, context);
  return json(
    { user, company: await api.ownCompany() },
    { headers: { 'cache-control': 'private, no-store' } },
  );
}

const toBody = (values: FormValues) => ({
  legalName: values.legalName,
  country: values.country,
  taxId: values.taxId,
  billingAddress: addressFrom(values, 'billingAddress.'),
});

/** An admin saves the details (which answers an information request: back to review). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireBuyer(request, context);
  const form = await verifiedForm(request);
  const submission = parseForm(CompanyDetailsBody, form, { what: 'company', toInput: toBody });
  if (!submission.ok) return json(submission.reply, { status: 400 });
  try {
    await api.updateOwnCompany(submission.value);
    return redirect('/account/company?saved=1');
  } catch (e) {
    return refusal(e, submission.values, 'company', true);
  }
}

export default function CompanyPage() {
  const { user, company } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const admin = user.role === 'buyer_admin';
  const f = data?.fields ?? {};
  const values = (data?.values ?? {
    legalName: company.legalName,
    country: company.country,
    taxId: company.taxId,
    ...Object.fromEntries(Object.entries(company.billingAddress).map(([k, v]) => [`billingAddress.${k}`, v])),
  }) as FormValues;
  const { terms, currency } = company;
  return (
    <main className="page narrow-page">
      <h1>{company.legalName}</h1>
      <AccountNav user={user} />
      <CompanyStatusNote user={user} />
      {params.get('saved') ? <FormMessage reply={okReply('The company details are saved.')} /> : null}
      <dl className="facts card">
        <dt>Status</dt>
        <dd data-testid="company-status">{statusLabel(company.status, 'company')}</dd>
        <dt>Payment terms</dt>
        <dd data-testid="terms">
          {terms.paymentTerms === 'net'
            ? `Invoice, payable in ${terms.netDays} days`
            : 'Bank transfer in advance'}
        </dd>
        <dt>Credit limit</dt>
        <dd>{terms.creditLimitMinor === null ? 'None' : formatMoney(terms.creditLimitMinor, currency)}</dd>
        <dt>Shipping addresses</dt>
        <dd>
          <ul className="plain">
            {company.shippingAddresses.map((a) => (
              <li key={a.id}>
                <strong>{a.label}</strong>: {addressLine(a.address)}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {admin && company.status !== 'rejected' ? (
        <>
          <h2>Company details</h2>
          <FormMessage reply={data} />
          <Form method="post" className="stack">
            <SessionCsrf />
            <CompanyFields values={values} errors={f} />
            <button type="submit" className="button">
              {company.status === 'info_requested' ? 'Save and send for review' : 'Save'}
            </button>
          </Form>
        </>
      ) : (
        <p>
          Billing address: <span data-testid="billing">{addressLine(company.billingAddress)}</span>
        </p>
      )}
    </main>
  );
}
