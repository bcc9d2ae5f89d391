import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { clearSessionCookie, platformContext, verifiedForm } from '../lib/session.server.js';

export async function action({ request, context }: ActionFunctionArgs) {
  platformContext(context);
  await verifiedForm(request);
  return redirect('/login', { headers: { 'set-cookie': clearSessionCookie() } });
}

export const loader = () => redirect('/');
