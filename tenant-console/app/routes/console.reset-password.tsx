import { PasswordResetConfirmBody } from '@agora/contracts';
import { parseForm } from '@agora/ui/forms';
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { sessionCookie, tenantContext, verifiedForm } from '../lib/session.server.js';
import { PASSWORD_FORM, passwordReply, SetPasswordForm, tokenFromUrl } from '../lib/set-password.js';

export const meta: MetaFunction = () => [{ title: 'Choose a new password' }];

export function loader({ request, context }: LoaderFunctionArgs) {
  tenantContext(context);
  return { token: tokenFromUrl(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = tenantContext(context);
  const form = await verifiedForm(request);
  const submission = parseForm(PasswordResetConfirmBody, form, PASSWORD_FORM);
  if (!submission.ok) return submission.reply;
  try {
    const { token } = await api.confirmPasswordReset(submission.value);
    return redirect('/console', { headers: { 'set-cookie': sessionCookie(token) } });
  } catch (e) {
    return passwordReply(e, submission.values);
  }
}

export default function ResetPassword() {
  return (
    <SetPasswordForm
      title="Choose a new password"
      intro="The link in your email is valid for one hour."
      submit="Save password"
    />
  );
}
