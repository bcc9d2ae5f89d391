import { type ActionFunctionArgs, redirect } from '@remix-run/server-runtime';
import { clearSessionCookie, verifiedForm } from '../session.server.js';

/** Sign out (POST with the CSRF field): the cookie goes, back to the home page. */
export async function action({ request }: ActionFunctionArgs) {
  await verifiedForm(request);
  return redirect('/', { headers: { 'set-cookie': clearSessionCookie() } });
}

export const loader = () => redirect('/');
