import { ApiError } from '@agora/api-client';
import { LoginBody } from '@agora/contracts';
import { TextField } from '@agora/ui/form-fields';
import { apiErrorReply, parseForm } from '@agora/ui/forms';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { json, type LoaderFunctionArgs, redirect } from '@remix-run/server-runtime';
import { AppLink } from '../components/app-link.js';
import { apiFor } from '../context.js';
import { csrfToken, optionalBuyer, safeNext, sessionCookie, verifiedForm } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Sign in' }];

/** The buyer sign-in: a buyer already signed in goes on to `next` (or their account). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const next = safeNext(new URL(request.url).searchParams.get('next'), '/account');
  if (await optionalBuyer(request, context)) throw redirect(next);
  const csrf = csrfToken(request);
  return json(
    { csrf: csrf.token, next },
    {
      headers: csrf.setCookie
        ? { 'set-cookie': csrf.setCookie, 'cache-control': 'no-store' }
        : { 'cache-control': 'no-store' },
    },
  );
}

export async function action({ request, context }: LoaderFunctionArgs) {
  const form = await verifiedForm(request);
  const submission = parseForm(LoginBody, form, { what: 'sign-in', secret: ['password', 'next', 'csrf'] });
  if (!submission.ok) return json(submission.reply, { status: 400 });
  try {
    const { token } = await apiFor(context).login(submission.value.email, submission.value.password);
    return redirect(safeNext(form.get('next'), '/account'), {
      headers: { 'set-cookie': sessionCookie(token) },
    });
  } catch (e) {
    if (e instanceof ApiError && e.status < 500)
      return json(apiErrorReply(e, submission.values, 'sign-in'), { status: e.status });
    throw e;
  }
}

export default function SignIn() {
  const { csrf, next } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const email = typeof data?.values?.email === 'string' ? data.values.email : undefined;
  return (
    <main className="page narrow-page">
      <h1>Sign in</h1>
      {data?.message ? (
        <p className="notice-error" role="alert">
          {data.message}
        </p>
      ) : null}
      <Form method="post" className="stack">
        <input type="hidden" name="csrf" value={csrf} />
        <input type="hidden" name="next" value={next} />
        <TextField
          name="email"
          label="Email"
          type="email"
          required
          autoComplete="username"
          defaultValue={email}
          errors={data?.fields?.email}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          required
          autoComplete="current-password"
          errors={data?.fields?.password}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </Form>
      <p>
        No account yet? <AppLink to="/account/sign-up">Create a business account</AppLink>
      </p>
      <p>
        <AppLink to="/account/forgot-password">Forgot your password?</AppLink>
      </p>
    </main>
  );
}
