import { ApiError } from '@agora/api-client';
import type { MetaFunction } from '@remix-run/react';
import { useLoaderData } from '@remix-run/react';
import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { AppLink } from '../components/app-link.js';
import { apiFor } from '../context.js';

export const meta: MetaFunction = () => [{ title: 'Verify your email' }];

/** The link from the verification email (24 h). Verifying twice is harmless. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  try {
    await apiFor(context).verifyEmail(token);
    return { ok: true, message: 'Your email address is verified.' };
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return { ok: false, message: e.message };
    throw e;
  }
}

export default function VerifyEmail() {
  const { ok, message } = useLoaderData<typeof loader>();
  return (
    <main className="page narrow-page">
      <h1>Email verification</h1>
      <p className={ok ? 'notice-success' : 'notice-error'} data-testid="verify-result">
        {message}
      </p>
      <AppLink to="/account">Continue to your account</AppLink>
    </main>
  );
}
