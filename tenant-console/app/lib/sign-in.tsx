import { ApiError } from '@agora/api-client';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useSearchParams } from '@remix-run/react';
import type { ReactNode } from 'react';
import { safeNext, sessionCookie, verifiedForm } from './session.server.js';
import { Csrf, Field, Notice } from './ui.js';

type SignInResult = { email: string; error: string; fields: Record<string, string> };

/**
 * The sign-in action shared by staff (platform host) and tenant users (/console): check the
 * form's CSRF token, log in through the given API, set the session cookie and go on to `next`.
 */
export async function signIn(
  request: Request,
  login: (email: string, password: string) => Promise<{ token: string }>,
  fallback: string,
): Promise<Response | SignInResult> {
  const form = await verifiedForm(request);
  const email = String(form.get('email') ?? '');
  try {
    const { token } = await login(email, String(form.get('password') ?? ''));
    return redirect(safeNext(form.get('next'), fallback), {
      headers: { 'set-cookie': sessionCookie(token) },
    });
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return { email, error: e.message, fields: e.fieldErrors };
    throw e;
  }
}

export function SignInForm({
  title,
  fallback,
  children,
}: {
  title: string;
  fallback: string;
  children?: ReactNode;
}) {
  const data = useActionData<SignInResult>();
  const [params] = useSearchParams();
  return (
    <main className="narrow">
      <h1>{title}</h1>
      {params.get('reset') ? (
        <Notice kind="success">Your password was changed. Sign in with the new one.</Notice>
      ) : null}
      {data?.error ? <Notice kind="error">{data.error}</Notice> : null}
      <Form method="post">
        <Csrf />
        <input type="hidden" name="next" value={params.get('next') ?? fallback} />
        <Field
          label="Email"
          name="email"
          type="email"
          required
          autoComplete="username"
          defaultValue={data?.email}
          error={data?.fields?.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          required
          autoComplete="current-password"
          error={data?.fields?.password}
        />
        <button type="submit">Sign in</button>
      </Form>
      {children}
    </main>
  );
}
