import { ApiError } from '@agora/api-client';
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, useActionData, useSearchParams } from '@remix-run/react';
import { platformContext, safeNext, sessionCookie, verifiedForm } from '../lib/session.server.js';
import { Csrf, Field, Notice } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Staff sign in · Agora' }];

export function loader({ context }: LoaderFunctionArgs) {
  platformContext(context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const platform = platformContext(context);
  const form = await verifiedForm(request);
  const email = String(form.get('email') ?? '');
  try {
    const { token } = await platform.login(email, String(form.get('password') ?? ''));
    return redirect(safeNext(form.get('next'), '/'), { headers: { 'set-cookie': sessionCookie(token) } });
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return { email, error: e.message, fields: e.fieldErrors };
    throw e;
  }
}

export default function StaffLogin() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <main className="narrow">
      <h1>Agora staff</h1>
      {data?.error ? <Notice kind="error">{data.error}</Notice> : null}
      <Form method="post">
        <Csrf />
        <input type="hidden" name="next" value={params.get('next') ?? '/'} />
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
    </main>
  );
}
