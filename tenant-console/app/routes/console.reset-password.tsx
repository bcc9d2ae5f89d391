import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { sessionCookie, tenantContext, verifiedForm } from '../lib/session.server.js';
import { passwordErrors, SetPasswordForm, tokenFromUrl } from '../lib/set-password.js';

export const meta: MetaFunction = () => [{ title: 'Choose a new password' }];

export function loader({ request, context }: LoaderFunctionArgs) {
  tenantContext(context);
  return { token: tokenFromUrl(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = tenantContext(context);
  const form = await verifiedForm(request);
  try {
    const { token } = await api.confirmPasswordReset({
      token: String(form.get('token') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    return redirect('/console', { headers: { 'set-cookie': sessionCookie(token) } });
  } catch (e) {
    return passwordErrors(e);
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
