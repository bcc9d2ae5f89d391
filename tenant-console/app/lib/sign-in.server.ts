import { ApiError } from '@agora/api-client';
import { LoginBody } from '@agora/contracts';
import { apiErrorReply, type FormReply, parseForm } from '@agora/ui/forms';
import { redirect } from '@remix-run/node';
import { safeNext, sessionCookie, verifiedForm } from './session.server.js';

/**
 * The sign-in action shared by staff (platform host) and tenant users (/console): check the
 * form's CSRF token and fields (the API's LoginBody), log in through the given API, set the
 * session cookie and go on to `next`. A refusal is the one form reply (the password never given back).
 */
export async function signIn(
  request: Request,
  login: (email: string, password: string) => Promise<{ token: string }>,
  fallback: string,
): Promise<Response | FormReply> {
  const form = await verifiedForm(request);
  const submission = parseForm(LoginBody, form, { what: 'sign-in', secret: ['password', 'next'] });
  if (!submission.ok) return submission.reply;
  try {
    const { token } = await login(submission.value.email, submission.value.password);
    return redirect(safeNext(form.get('next'), fallback), {
      headers: { 'set-cookie': sessionCookie(token) },
    });
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return apiErrorReply(e, submission.values, 'sign-in');
    throw e;
  }
}
