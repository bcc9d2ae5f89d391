import { safeLogoUrl, themeCss } from '@agora/ui';
import ui from '@agora/ui/styles.css?url';
import {
  isRouteErrorResponse,
  Links,
  Meta,
  type MetaFunction,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
} from '@remix-run/react';
import { type HeadersFunction, json, type LoaderFunctionArgs } from '@remix-run/server-runtime';
import { useAppLinks } from './components/app-link.js';
import { SiteFooter } from './components/site-footer.js';
import { SiteHeader } from './components/site-header.js';
import { apiFor } from './context.js';
import { csrfToken, optionalBuyer, sessionToken, signedInAsOther } from './session.server.js';
import styles from './styles.css?url';

export const links = () => [
  { rel: 'stylesheet', href: ui },
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: 'data:,' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [{ name, tagline, theme, footer, timeZone }, buyer, other] = await Promise.all([
    apiFor(context).storefront(),
    optionalBuyer(request, context),
    signedInAsOther(request, context),
  ]);
  // Signed in (buyer or not): the header's sign-out form needs a CSRF token. Anonymous pages
  // set no cookie, so they stay shareable by caches (docs/caching.md).
  const signedIn = sessionToken(request) !== null && (buyer !== null || other);
  const csrf = signedIn ? csrfToken(request) : null;
  const headers = new Headers();
  if (csrf?.setCookie) headers.append('set-cookie', csrf.setCookie);
  if (signedIn) headers.set('cache-control', 'private, no-store');
  // Theme -> CSS on the server only, from validated values (hex colors, a font from a fixed list).
  return json(
    {
      storefront: {
        name,
        tagline,
        footer,
        timeZone,
        themeCss: themeCss(theme),
        logoUrl: safeLogoUrl(theme.logoUrl),
      },
      account: buyer
        ? { name: buyer.user.name || buyer.user.email, companyName: buyer.user.companyName }
        : other
          ? { name: 'Console account', companyName: null }
          : null,
      csrf: csrf?.token ?? null,
    },
    { headers },
  );
}

// A signed-in page is the buyer's own: never stored by a shared cache (the CSRF cookie rides on it).
export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const h = new Headers();
  const cache = loaderHeaders.get('cache-control');
  if (cache) h.set('cache-control', cache);
  for (const source of [loaderHeaders, actionHeaders]) {
    const cookie = source.get('set-cookie');
    if (cookie) h.append('set-cookie', cookie);
  }
  return h;
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.storefront.name ?? 'Marketplace' },
  {
    name: 'description',
    content: data?.storefront.tagline || `${data?.storefront.name ?? ''} B2B marketplace`,
  },
];

export default function App() {
  const { storefront, account, csrf } = useLoaderData<typeof loader>();
  useAppLinks();
  const logo = storefront.logoUrl;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {/* Raw text: React would entity-escape quotes, which CSS does not decode. The string is built
            from validated values only (see themeCss), so it cannot close the element. */}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: validated theme values only */}
        <style id="theme" dangerouslySetInnerHTML={{ __html: storefront.themeCss }} />
      </head>
      <body>
        <SiteHeader name={storefront.name} logoUrl={logo} account={account} csrf={csrf} />
        <Outlet />
        <SiteFooter name={storefront.name} footer={storefront.footer} />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const title = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : 'Something went wrong';
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <title>{title}</title>
        <Links />
      </head>
      <body>
        <main className="error-page">
          <h1>{title}</h1>
          <p>{errorText(error)}</p>
          <a href="/">Back to the home page</a>
        </main>
        <Scripts />
      </body>
    </html>
  );
}

/** What an error page says: a refusal's own sentence (403, 404), else "try again". */
function errorText(error: unknown): string {
  if (isRouteErrorResponse(error) && error.status < 500 && typeof error.data === 'string' && error.data)
    return error.data;
  return 'Please try again in a moment.';
}
