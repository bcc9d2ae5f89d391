import { statusLabel } from '@agora/contracts/labels';
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { AppLink } from '../components/app-link.js';
import { requireBuyer } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Your account' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireBuyer(request, context);
  return json({ user });
}

export default function Account() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <main className="page narrow-page">
      <h1>Your account</h1>
      <section className="card" data-testid="account-profile">
        <p>
          <strong>{user.name || user.email}</strong>
          <br />
          {user.email}
        </p>
        <p>
          {user.companyName}:{' '}
          <span data-testid="company-status">{statusLabel(user.companyStatus, 'company')}</span>
        </p>
      </section>
      <nav aria-label="Account">
        <AppLink to="/cart">Cart</AppLink> · <AppLink to="/account/checkouts">Your checkouts</AppLink>
        {user.role === 'buyer_approver' || user.role === 'buyer_admin' ? (
          <>
            {' '}
            · <AppLink to="/account/approvals">Approvals</AppLink>
          </>
        ) : null}
      </nav>
    </main>
  );
}
