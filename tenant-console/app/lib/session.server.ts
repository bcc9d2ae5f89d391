import { ApiError, type PlatformApi, platformApi, type TenantApi, tenantApi } from '@agora/api-client';
import { type AppLoadContext, redirect } from '@remix-run/node';
import './context.js';

// The session and CSRF cookies are shared with the storefront (one sign-in per host).
import { clearSessionCookie, sessionToken } from '@agora/ui/session';

export {
  clearSessionCookie,
  csrfToken,
  safeNext,
  sessionCookie,
  sessionToken,
  verifiedForm,
} from '@agora/ui/session';

/** Guards: each page belongs to one kind of host; elsewhere it does not exist. */
export function tenantContext(context: AppLoadContext): {
  api: TenantApi;
  tenant: { id: string; slug: string };
} {
  if (context.surface !== 'tenant' || !context.tenant) throw new Response('Not found', { status: 404 });
  return { api: forbiddenAsPage(tenantApi(context.transport)), tenant: context.tenant };
}

export function platformContext(context: AppLoadContext): PlatformApi {
  if (context.surface !== 'platform') throw new Response('Not found', { status: 404 });
  return forbiddenAsPage(platformApi(context.transport));
}

/** The console's "not allowed" page (the root ErrorBoundary renders it), status 403, with the API's reason. */
export const notAllowed = (reason: string) =>
  new Response(
    `Your account cannot open this page: ${reason.charAt(0).toLowerCase()}${reason.slice(1).replace(/\.$/, '')}. ` +
      "If you think it should, ask the marketplace's owner.",
    { status: 403 },
  );

/**
 * The one guard for 403s: every API call a loader or action makes through this client turns an
 * API 403 (say, an operator opening a vendor page) into the "not allowed" page with the API's
 * reason, instead of an unhandled ApiError (a 500). Other errors pass through unchanged.
 */
export function forbiddenAsPage<T extends object>(api: T): T {
  return new Proxy(api, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = value.apply(target, args);
        if (prop === 'withToken') return forbiddenAsPage(result);
        if (!(result instanceof Promise)) return result;
        return result.catch((e: unknown) => {
          if (e instanceof ApiError && e.status === 403) throw notAllowed(e.message);
          throw e;
        });
      };
    },
  });
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
