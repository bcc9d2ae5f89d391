import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { sessionCookie, tenantContext, verifiedForm } from '../lib/session.server.js';
import { passwordErrors, SetPasswordForm, tokenFromUrl } from '../lib/set-password.js';

export const meta: MetaFunction = () => [{ title: 'Accept your invitation' }];

export function loader({ request, context }: LoaderFunctionArgs) {
  tenantContext(context);
  return { token: tokenFromUrl(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = tenantContext(context);
  const form = await verifiedForm(request);
  try {
    const name = String(form.get('name') ?? '').trim();
    const { token } = await api.acceptInvite({
      token: String(form.get('token') ?? ''),
      password: String(form.get('password') ?? ''),
      ...(name ? { name } : {}),
    });
    return redirect('/console', { headers: { 'set-cookie': sessionCookie(token) } });
  } catch (e) {
    return passwordErrors(e);
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
