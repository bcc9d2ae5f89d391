import { statusLabel } from '@agora/contracts/labels';
import { formatMoney } from '@agora/ui/money';
import type { MetaFunction } from '@remix-run/react';
import { useLoaderData, useSearchParams } from '@remix-run/react';
import { json, type LoaderFunctionArgs } from '@remix-run/server-runtime';
import { AccountNav, CompanyStatusNote, ROLE_NAMES } from '../components/account-nav.js';
import { AppLink } from '../components/app-link.js';
import { requireBuyer } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Your account' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, api } = await requireBuyer(request, context);
  const company = await api.ownCompany();
  return json(
    { user, currency: company.currency, terms: company.terms },
    { headers: { 'cache-control': 'private, no-store' } },
  );
}

export default function Account() {
  const { user, currency, terms } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const welcome = params.get('welcome');
  return (
    <main className="page narrow-page">
      <h1>Your account</h1>
      <AccountNav user={user} />
      {welcome ? (
        <p className="notice-success" role="status" data-testid="welcome">
          Welcome! We sent you an email: open its link to verify your address.
          {welcome === 'approved' ? ' Your company is approved: you can order now.' : ''}
        </p>
      ) : null}
      <CompanyStatusNote user={user} />
      <section className="card" data-testid="account-profile">
        <h2>{user.name || user.email}</h2>
        <p>
          {user.email}
          {user.emailVerified ? '' : ' (not verified yet: open the link we emailed you)'}
        </p>
        <dl className="facts">
          <dt>Company</dt>
          <dd>{user.companyName}</dd>
          <dt>Company status</dt>
          <dd data-testid="company-status">{statusLabel(user.companyStatus, 'company')}</dd>
          <dt>Your role</dt>
          <dd data-testid="role">{ROLE_NAMES[user.role] ?? user.role}</dd>
          <dt>Spending limit</dt>
          <dd data-testid="spending-limit">
            {user.spendingLimit
              ? `${formatMoney(user.spendingLimit.amountMinor, currency)} per ${user.spendingLimit.period}`
              : 'None'}
          </dd>
          <dt>Payment terms</dt>
          <dd>
            {terms.paymentTerms === 'net' ? `Invoice, ${terms.netDays} days` : 'Bank transfer in advance'}
          </dd>
        </dl>
      </section>
      <p>
        <AppLink to="/account/company">Company details</AppLink>
      </p>
    </main>
  );
}
