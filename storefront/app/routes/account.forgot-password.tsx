import { PasswordResetBody } from '@agora/contracts';
import { TextField } from '@agora/ui/form-fields';
import { errorsOf, okReply, parseForm } from '@agora/ui/forms';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/server-runtime';
import { refusal, withCsrf } from '../account.server.js';
import { Csrf, FormMessage } from '../components/account-forms.js';
import { apiFor } from '../context.js';
import { verifiedForm } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Forgot your password?' }];

export function loader({ request }: LoaderFunctionArgs) {
  return withCsrf(request, {});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await verifiedForm(request);
  const submission = parseForm(PasswordResetBody, form, { what: 'email' });
  if (!submission.ok) return json(submission.reply, { status: 400 });
  try {
    const { message } = await apiFor(context).requestPasswordReset(submission.value.email);
    return json(okReply(message));
  } catch (e) {
    return refusal(e, submission.values, 'email', true);
  }
}

export default function ForgotPassword() {
  const { csrf } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <main className="page narrow-page">
      <h1>Forgot your password?</h1>
      <FormMessage reply={data} />
      <Form method="post" className="stack">
        <Csrf token={csrf} />
        <TextField
          name="email"
          label="Email"
          type="email"
          required
          autoComplete="email"
          errors={errorsOf(data?.fields, 'email')}
        />
        <button type="submit" className="button">
          Email me a link
        </button>
      </Form>
    </main>
  );
}
