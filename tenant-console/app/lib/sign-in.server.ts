import { ApiError } from '@agora/api-client';
import { redirect } from '@remix-run/node';
import { safeNext, sessionCookie, verifiedForm } from './session.server.js';

export type SignInResult = { email: string; error: string; fields: Record<string, string> };

/**
 * The sign-in action shared by staff (platform host) and tenant users (/console): check the
 * form's CSRF token, log in through the given API, set the session cookie and go on to `next`.
 */
export async function signIn(
  request: Request,
  login: (email: string, password: string) => Promise<{ token: string }>,
  fallback: string,
): Promise<Response | SignInResult> {
  const form = await verifiedForm(request);
  const email = String(form.get('email') ?? '');
  try {
    const { token } = await login(email, String(form.get('password') ?? ''));
    return redirect(safeNext(form.get('next'), fallback), {
      headers: { 'set-cookie': sessionCookie(token) },
    });
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return { email, error: e.message, fields: e.fieldErrors };
    throw e;
  }
}
