import { ApiError } from '@agora/api-client';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { tenantContext, verifiedForm } from '../lib/session.server.js';
import { Csrf, Field, Notice } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Reset your password' }];

export function loader({ context }: LoaderFunctionArgs) {
  tenantContext(context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = tenantContext(context);
  const form = await verifiedForm(request);
  const email = String(form.get('email') ?? '');
  try {
    await api.requestPasswordReset(email);
    return { sent: true as const, email, fields: {} as Record<string, string>, error: undefined };
  } catch (e) {
    if (e instanceof ApiError && e.status < 500)
      // Too many requests (429) says so, with how long to wait; a bad email is shown by its field.
      return {
        sent: false as const,
        email,
        fields: e.fieldErrors,
        error: e.code === 'rate_limited' ? e.message : undefined,
      };
    throw e;
  }
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  return (
    <main className="narrow">
      <h1>Reset your password</h1>
      {data?.sent ? (
        <Notice kind="success">
          If {data.email} has an account here, an email with a reset link is on its way.
        </Notice>
      ) : (
        <Form method="post">
          {data?.error ? <Notice kind="error">{data.error}</Notice> : null}
          <Csrf />
          <Field
            label="Email"
            name="email"
            type="email"
            required
            defaultValue={data?.email}
            error={data?.fields.email}
          />
          <button type="submit">Send reset link</button>
        </Form>
      )}
      <p>
        <Link to="/console/login">Back to sign in</Link>
      </p>
    </main>
  );
}
