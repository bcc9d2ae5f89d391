import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { clearSessionCookie, tenantContext, verifiedForm } from '../lib/session.server.js';

export async function action({ request, context }: ActionFunctionArgs) {
  tenantContext(context);
  await verifiedForm(request);
  return redirect('/console/login', { headers: { 'set-cookie': clearSessionCookie() } });
}

export const loader = () => redirect('/console');
