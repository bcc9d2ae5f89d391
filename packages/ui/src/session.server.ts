/**
 * The session and CSRF cookies of the web apps (the console and the storefront share them: one
 * sign-in per marketplace host). Server-only: Remix loaders and actions import it.
 *
 * Sessions: the API's access token in an HttpOnly, Secure, SameSite=Lax cookie with the
 * `__Host-` prefix (no Domain attribute, so it belongs to exactly this host and a sibling
 * subdomain cannot set it). A tenant's token is valid on that tenant's host only, so even a
 * copied cookie does not work on another tenant's host. platform-api reads the same cookie
 * (`optionalTenantViewer`) for requests that show more to signed-in users.
 */
export const SESSION_COOKIE = '__Host-agora_session';
const CSRF = '__Host-agora_csrf';
const SESSION_MAX_AGE = 12 * 3600;

export function readCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) {
      try {
        return decodeURIComponent(v.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}

const cookie = (name: string, value: string, maxAge: number) =>
  `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${maxAge}`;

export const sessionCookie = (token: string) => cookie(SESSION_COOKIE, token, SESSION_MAX_AGE);
export const clearSessionCookie = () => cookie(SESSION_COOKIE, '', 0);
export const sessionToken = (request: Request) => readCookie(request, SESSION_COOKIE) || null;

/**
 * CSRF: a random token in its own `__Host-` cookie, echoed in every form as a hidden field,
 * and compared on every POST (double submit). Cross-site pages can neither read the cookie
 * nor set one for this host.
 */
export function csrfToken(request: Request): { token: string; setCookie: string | null } {
  const existing = readCookie(request, CSRF);
  if (existing && /^[A-Za-z0-9_-]{32,}$/.test(existing)) return { token: existing, setCookie: null };
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const token = btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');
  return { token, setCookie: cookie(CSRF, token, 30 * 24 * 3600) };
}

/** The form of a POST whose CSRF field matches its cookie; else the "form has expired" page (403). */
export async function verifiedForm(request: Request): Promise<FormData> {
  const form = await request.formData();
  const sent = form.get('csrf');
  const expected = readCookie(request, CSRF);
  if (!expected || typeof sent !== 'string' || !timingSafeEqual(sent, expected)) {
    throw new Response('This form has expired. Go back, reload the page and try again.', { status: 403 });
  }
  return form;
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

// Only same-site paths: a sign-in never redirects to another site.
export { safeNext } from './safe-next.js';
