import { PasswordResetConfirmBody } from '@agora/contracts';
import { parseForm } from '@agora/ui/forms';
import type { MetaFunction } from '@remix-run/react';
import { useActionData, useLoaderData } from '@remix-run/react';
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, redirect } from '@remix-run/server-runtime';
import { refusal, withCsrf } from '../account.server.js';
import { SetPasswordForm } from '../components/set-password-form.js';
import { apiFor } from '../context.js';
import { sessionCookie, verifiedForm } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Choose a new password' }];

export function loader({ request }: LoaderFunctionArgs) {
  return withCsrf(request, { token: new URL(request.url).searchParams.get('token') ?? '' });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await verifiedForm(request);
  const submission = parseForm(PasswordResetConfirmBody, form, {
    what: 'new password',
    secret: ['password', 'token'],
  });
  if (!submission.ok) return json(submission.reply, { status: 400 });
  try {
    const { token } = await apiFor(context).confirmPasswordReset(submission.value);
    return redirect('/account', { headers: { 'set-cookie': sessionCookie(token) } });
  } catch (e) {
    return refusal(e, submission.values, 'new password', true);
  }
}

export default function ResetPassword() {
  const { token, csrf } = useLoaderData<typeof loader>();
  return (
    <SetPasswordForm
      title="Choose a new password"
      intro="The link is valid once."
      submit="Save the password"
      token={token}
      csrf={csrf}
      reply={useActionData<typeof action>()}
    />
  );
}
