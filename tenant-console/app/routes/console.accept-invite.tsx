import { AcceptInviteBody } from '@agora/contracts';
import { parseForm } from '@agora/ui/forms';
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { sessionCookie, tenantContext, verifiedForm } from '../lib/session.server.js';
import { PASSWORD_FORM, passwordReply, SetPasswordForm, tokenFromUrl } from '../lib/set-password.js';

export const meta: MetaFunction = () => [{ title: 'Accept your invitation' }];

export function loader({ request, context }: LoaderFunctionArgs) {
  tenantContext(context);
  return { token: tokenFromUrl(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = tenantContext(context);
  const form = await verifiedForm(request);
  const submission = parseForm(AcceptInviteBody, form, {
    ...PASSWORD_FORM,
    // A name left blank is no name (the API keeps the invited one).
    toInput: ({ name, ...rest }) => (typeof name === 'string' && name.trim() ? { ...rest, name } : rest),
  });
  if (!submission.ok) return submission.reply;
  try {
    const { token } = await api.acceptInvite(submission.value);
    return redirect('/console', { headers: { 'set-cookie': sessionCookie(token) } });
  } catch (e) {
    return passwordReply(e, submission.values);
  }
}

export default function AcceptInvite() {
  return (
    <SetPasswordForm
      title="Welcome"
      intro="Choose a password to activate your account."
      submit="Activate account"
      askName
    />
  );
}
