import { ApiError } from '@agora/api-client';
import { PasswordResetBody } from '@agora/contracts';
import { apiErrorReply, okReply, parseForm } from '@agora/ui/forms';
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
  const submission = parseForm(PasswordResetBody, form, { what: 'form' });
  if (!submission.ok) return submission.reply;
  try {
    await api.requestPasswordReset(submission.value.email);
    return okReply('', submission.values);
  } catch (e) {
    // Too many requests (429) says so, with how long to wait (a plain message, no field); a bad
    // email is shown by its field.
    if (e instanceof ApiError && e.status < 500) return apiErrorReply(e, submission.values, 'form');
    throw e;
  }
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  const email = typeof data?.values?.email === 'string' ? data.values.email : undefined;
  return (
    <main className="narrow">
      <h1>Reset your password</h1>
      {data?.ok ? (
        <Notice kind="success">
          If {email} has an account here, an email with a reset link is on its way.
        </Notice>
      ) : (
        <Form method="post">
          {data?.message ? <Notice kind="error">{data.message}</Notice> : null}
          <Csrf />
          <Field
            label="Email"
            name="email"
            type="email"
            required
            defaultValue={email}
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
