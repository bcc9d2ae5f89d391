import { ApiError, type BuyerAccount, type TenantApi } from '@agora/api-client';
import { clearSessionCookie, sessionToken } from '@agora/ui/session';
import { type AppLoadContext, redirect } from '@remix-run/server-runtime';
import { apiFor } from './context.js';

/**
 * The storefront's buyer session: the same `__Host-agora_session` cookie as the console
 * (`@agora/ui/session`), so one sign-in per marketplace host. A buyer page asks for the buyer
 * with `requireBuyer`; a page that only shows more to a buyer (the header, prices) uses
 * `optionalBuyer`.
 */
export {
  clearSessionCookie,
  csrfToken,
  safeNext,
  sessionCookie,
  sessionToken,
  verifiedForm,
} from '@agora/ui/session';

export type BuyerUser = {
  id: string;
  name: string;
  email: string;
  role: BuyerAccount['user']['role'];
  emailVerified: boolean;
  spendingLimit: BuyerAccount['user']['spendingLimit'];
  companyId: string;
  companyName: string;
  companyStatus: BuyerAccount['company']['status'];
  companyStatusReason: string | null;
};

export type Buyer = { api: TenantApi; user: BuyerUser; token: string };

/** What the session cookie stands for on this host: nobody, a buyer, or another kind of user. */
type Viewer = { kind: 'anonymous'; stale: boolean } | { kind: 'buyer'; buyer: Buyer } | { kind: 'other' };

const viewers = new WeakMap<Request, Promise<Viewer>>();

/** One API call per request however many loaders ask (the root's header and the page). */
function viewer(request: Request, context: AppLoadContext): Promise<Viewer> {
  let found = viewers.get(request);
  if (!found) {
    found = readViewer(request, context);
    viewers.set(request, found);
  }
  return found;
}

async function readViewer(request: Request, context: AppLoadContext): Promise<Viewer> {
  const token = sessionToken(request);
  if (!token) return { kind: 'anonymous', stale: false };
  const api = apiFor(context).withToken(token);
  try {
    const { user, company } = await api.buyerAccount();
    return {
      kind: 'buyer',
      buyer: {
        api,
        token,
        user: {
          ...user,
          companyId: company.id,
          companyName: company.legalName,
          companyStatus: company.status,
          companyStatusReason: company.statusReason,
        },
      },
    };
  } catch (e) {
    // 401: the session ended (expired, signed out elsewhere, removed); 403: an operator or vendor.
    if (e instanceof ApiError && e.status === 401) return { kind: 'anonymous', stale: true };
    if (e instanceof ApiError && e.status === 403) return { kind: 'other' };
    throw e;
  }
}

/** The signed-in buyer (API client bound to their token, and who they are), or null. */
export async function optionalBuyer(request: Request, context: AppLoadContext): Promise<Buyer | null> {
  const v = await viewer(request, context);
  return v.kind === 'buyer' ? v.buyer : null;
}

/**
 * The signed-in buyer, or: a redirect to the sign-in page (coming back here after), or for an
 * operator's or vendor's session, a page (403) saying these pages are for buyer accounts.
 */
export async function requireBuyer(request: Request, context: AppLoadContext): Promise<Buyer> {
  const v = await viewer(request, context);
  if (v.kind === 'buyer') return v.buyer;
  if (v.kind === 'other') throw notABuyer();
  const url = new URL(request.url);
  throw redirect(`/account/sign-in?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`, {
    headers: v.stale ? { 'set-cookie': clearSessionCookie() } : {},
  });
}

/** Whether the session cookie belongs to a user who is not a buyer (an operator or a vendor). */
export async function signedInAsOther(request: Request, context: AppLoadContext): Promise<boolean> {
  return (await viewer(request, context)).kind === 'other';
}

export const NOT_A_BUYER =
  'These pages are for buyer accounts. You are signed in with an operator or vendor account: ' +
  'use the console, or sign out and sign in with a buyer account.';

const notABuyer = () => new Response(NOT_A_BUYER, { status: 403, statusText: 'Forbidden' });

/**
 * The API client for catalog reads (products, search): the buyer's own when one is signed in,
 * so a marketplace that shows prices to approved buyers only shows them theirs (ADR 0034).
 */
export async function catalogApi(request: Request, context: AppLoadContext): Promise<TenantApi> {
  if (!sessionToken(request)) return apiFor(context);
  return (await optionalBuyer(request, context))?.api ?? apiFor(context);
}
