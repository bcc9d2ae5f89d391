import { ApiError, type PlatformApi, platformApi, type TenantApi, tenantApi } from '@agora/api-client';
import { type AppLoadContext, redirect } from '@remix-run/node';
import './context.js';

/**
 * Sessions: the API's access token in an HttpOnly, Secure, SameSite=Lax cookie with the
 * `__Host-` prefix (no Domain attribute, so it belongs to exactly this host and a sibling
 * subdomain cannot set it). A tenant's token is valid on that tenant's host only, so even a
 * copied cookie does not work on another tenant's host.
 */
const SESSION = '__Host-agora_session';
const CSRF = '__Host-agora_csrf';
const SESSION_MAX_AGE = 12 * 3600;

function readCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

const cookie = (name: string, value: string, maxAge: number) =>
  `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${maxAge}`;

export const sessionCookie = (token: string) => cookie(SESSION, token, SESSION_MAX_AGE);
export const clearSessionCookie = () => cookie(SESSION, '', 0);
export const sessionToken = (request: Request) => readCookie(request, SESSION);

/** Guards: each page belongs to one kind of host; elsewhere it does not exist. */
export function tenantContext(context: AppLoadContext): {
  api: TenantApi;
  tenant: { id: string; slug: string };
} {
  if (context.surface !== 'tenant' || !context.tenant) throw new Response('Not found', { status: 404 });
  return { api: tenantApi(context.transport), tenant: context.tenant };
}

export function platformContext(context: AppLoadContext): PlatformApi {
  if (context.surface !== 'platform') throw new Response('Not found', { status: 404 });
  return platformApi(context.transport);
}

const loginPath = (surface: 'tenant' | 'platform') => (surface === 'tenant' ? '/console/login' : '/login');

/** The logged-in tenant user's API client, or a redirect to the login page. */
export async function requireTenantUser(request: Request, context: AppLoadContext) {
  const { api, tenant } = tenantContext(context);
  const token = sessionToken(request);
  if (!token) throw toLogin(request, 'tenant');
  const authed = api.withToken(token);
  try {
    const user = await authed.me();
    return { api: authed, user, tenant };
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) throw toLogin(request, 'tenant', true);
    throw e;
  }
}

/** The logged-in staff member's API client, or a redirect to the login page. */
export async function requireStaff(request: Request, context: AppLoadContext) {
  const platform = platformContext(context);
  const token = sessionToken(request);
  if (!token) throw toLogin(request, 'platform');
  const authed = platform.withToken(token);
  try {
    return { api: authed, staff: await authed.me() };
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) throw toLogin(request, 'platform', true);
    throw e;
  }
}

function toLogin(request: Request, surface: 'tenant' | 'platform', clear = false) {
  const url = new URL(request.url);
  const next = `${url.pathname}${url.search}`;
  return redirect(`${loginPath(surface)}?next=${encodeURIComponent(next)}`, {
    headers: clear ? { 'set-cookie': clearSessionCookie() } : {},
  });
}

// Only same-site paths: a login never redirects to another site.
export { safeNext } from './safe-next.js';

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
