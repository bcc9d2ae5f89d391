import { ApiError } from '@agora/api-client';
import { apiErrorReply, type FormReply, type FormValues } from '@agora/ui/forms';
import { json } from '@remix-run/server-runtime';
import { csrfToken } from './session.server.js';

/** A form page's loader data with its CSRF token (the cookie set when new); never cached. */
export function withCsrf<T extends Record<string, unknown>>(request: Request, data: T) {
  const csrf = csrfToken(request);
  const headers: Record<string, string> = { 'cache-control': 'private, no-store' };
  if (csrf.setCookie) headers['set-cookie'] = csrf.setCookie;
  return json({ ...data, csrf: csrf.token }, { headers });
}

/**
 * An API refusal (4xx) as the form's reply with the API's status, the typed values kept; anything
 * else is rethrown. `keepMessage` keeps the API's sentence (a taken email, the last admin).
 */
export function refusal(e: unknown, values: FormValues, what: string, keepMessage = false) {
  if (e instanceof ApiError && e.status < 500 && e.status !== 401 && e.status !== 403)
    return json(apiErrorReply(e, values, what, { keepMessage }) as FormReply, { status: e.status });
  throw e;
}

/** An address's fields from a form, under `prefix` (`billingAddress.` ...), as the API's Address. */
export function addressFrom(values: FormValues, prefix: string) {
  const v = (k: string) => {
    const x = values[`${prefix}${k}`];
    return typeof x === 'string' ? x : '';
  };
  return {
    line1: v('line1'),
    line2: v('line2'),
    city: v('city'),
    postalCode: v('postalCode'),
    region: v('region'),
    country: v('country'),
  };
}
