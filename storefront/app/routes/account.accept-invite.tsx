import { AcceptInviteBody } from '@agora/contracts';
import { parseForm } from '@agora/ui/forms';
import type { MetaFunction } from '@remix-run/react';
import { useActionData, useLoaderData } from '@remix-run/react';
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, redirect } from '@remix-run/server-runtime';
import { refusal, withCsrf } from '../account.server.js';
import { SetPasswordForm } from '../components/set-password-form.js';
import { apiFor } from '../context.js';
import { sessionCookie, verifiedForm } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Join your company' }];

export function loader({ request }: LoaderFunctionArgs) {
  return withCsrf(request, { token: new URL(request.url).searchParams.get('token') ?? '' });
}

/** The invitation link (7 days, once): choose a password, signed in, on to the account. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await verifiedForm(request);
  const submission = parseForm(AcceptInviteBody, form, {
    what: 'invitation',
    secret: ['password', 'token'],
    toInput: ({ name, ...rest }) => (typeof name === 'string' && name.trim() ? { ...rest, name } : rest),
  });
  if (!submission.ok) return json(submission.reply, { status: 400 });
  try {
    const { token } = await apiFor(context).acceptInvite(submission.value);
    return redirect('/account', { headers: { 'set-cookie': sessionCookie(token) } });
  } catch (e) {
    return refusal(e, submission.values, 'invitation', true);
  }
}

export default function AcceptInvite() {
  const { token, csrf } = useLoaderData<typeof loader>();
  return (
    <SetPasswordForm
      title="Join your company"
      intro="Choose a password to activate your buyer account."
      submit="Activate my account"
      token={token}
      csrf={csrf}
      reply={useActionData<typeof action>()}
      askName
    />
  );
}
