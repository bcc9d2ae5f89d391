import { ApiError } from '@agora/api-client';
import type { MetaFunction } from '@remix-run/react';
import { useActionData } from '@remix-run/react';
import { type ActionFunctionArgs, json, redirect } from '@remix-run/server-runtime';
import { AppLink } from '../components/app-link.js';
import { requireBuyer, verifiedForm } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Confirm your email' }];

/** Nothing to show on a plain visit: the form lives on the cart and checkout pages. */
export const loader = () => redirect('/cart');

/** A new verification link for the signed-in buyer (`POST /auth/email-verification`). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireBuyer(request, context);
  await verifiedForm(request);
  try {
    const sent = await api.requestEmailVerification();
    return json({ ok: true, message: sent.message });
  } catch (e) {
    if (e instanceof ApiError && e.status < 500)
      return json({ ok: false, message: e.message }, { status: e.status });
    throw e;
  }
}

/** Shown only without JavaScript (the notice's form answers in place otherwise). */
export default function EmailVerification() {
  const data = useActionData<typeof action>();
  return (
    <main className="page narrow-page">
      <h1>Confirm your email</h1>
      {data ? (
        <p className={data.ok ? 'notice-success' : 'notice-error'} data-testid="verify-email-sent">
          {data.message}
        </p>
      ) : null}
      <AppLink to="/cart">Back to your cart</AppLink>
    </main>
  );
}
