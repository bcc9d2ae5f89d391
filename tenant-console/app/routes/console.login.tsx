import { ApiError } from '@agora/api-client';
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react';
import { safeNext, sessionCookie, tenantContext, verifiedForm } from '../lib/session.server.js';
import { Csrf, Field, Notice, useRootData } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Sign in' }];

export function loader({ context }: LoaderFunctionArgs) {
  tenantContext(context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = tenantContext(context);
  const form = await verifiedForm(request);
  const email = String(form.get('email') ?? '');
  try {
    const { token } = await api.login(email, String(form.get('password') ?? ''));
    return redirect(safeNext(form.get('next'), '/console'), {
      headers: { 'set-cookie': sessionCookie(token) },
    });
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return { email, error: e.message, fields: e.fieldErrors };
    throw e;
  }
}

export default function ConsoleLogin() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { place } = useRootData();
  return (
    <main className="narrow">
      <h1>Sign in to {place}</h1>
      {params.get('reset') ? (
        <Notice kind="success">Your password was changed. Sign in with the new one.</Notice>
      ) : null}
      {data?.error ? <Notice kind="error">{data.error}</Notice> : null}
      <Form method="post">
        <Csrf />
        <input type="hidden" name="next" value={params.get('next') ?? '/console'} />
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
      <p>
        <Link to="/console/forgot-password">Forgot your password?</Link>
      </p>
    </main>
  );
}
