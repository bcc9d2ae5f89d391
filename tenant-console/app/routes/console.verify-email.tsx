import { ApiError } from '@agora/api-client';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { tenantContext } from '../lib/session.server.js';
import { Notice } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Verify your email' }];

/** The link from the verification email. Verifying twice is harmless. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api } = tenantContext(context);
  const token = new URL(request.url).searchParams.get('token') ?? '';
  try {
    await api.verifyEmail(token);
    return { ok: true, message: 'Your email address is verified.' };
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return { ok: false, message: e.message };
    throw e;
  }
}

export default function VerifyEmail() {
  const { ok, message } = useLoaderData<typeof loader>();
  return (
    <main className="narrow">
      <h1>Email verification</h1>
      <Notice kind={ok ? 'success' : 'error'}>{message}</Notice>
      <Link to="/console">Continue to the console</Link>
    </main>
  );
}
