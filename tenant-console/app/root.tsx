import { tenantApi } from '@agora/api-client';
import ui from '@agora/ui/styles.css?url';
import type { HeadersFunction, LoaderFunctionArgs } from '@remix-run/node';
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import { csrfToken } from './lib/session.server.js';
import styles from './styles.css?url';

export const links = () => [
  { rel: 'stylesheet', href: ui },
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: 'data:,' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const csrf = csrfToken(request);
  // The marketplace's time zone: every date and time in the console is shown in it.
  const { name: place, timeZone } =
    context.surface === 'tenant'
      ? await tenantApi(context.transport).storefront()
      : { name: 'Agora platform', timeZone: 'UTC' };
  return Response.json(
    { csrf: csrf.token, surface: context.surface, place, timeZone },
    {
      headers: csrf.setCookie
        ? { 'set-cookie': csrf.setCookie, 'cache-control': 'no-store' }
        : { 'cache-control': 'no-store' },
    },
  );
}

// Back-office pages are private: never cached; the CSRF cookie travels with the first page.
export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const h = new Headers({ 'cache-control': 'no-store' });
  for (const source of [loaderHeaders, actionHeaders]) {
    const cookie = source.get('set-cookie');
    if (cookie) h.append('set-cookie', cookie);
  }
  return h;
};

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

const TITLES: Record<number, string> = { 403: 'Not allowed', 404: 'Page not found' };

/**
 * The one error page of the console: a 404, a 403 (from `notAllowed`, which every API 403 in a
 * loader or action becomes), or anything else as "something went wrong", never a stack trace.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData<typeof loader>('root');
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const detail = isRouteErrorResponse(error) && typeof error.data === 'string' ? error.data : '';
  const title = TITLES[status] ?? 'Something went wrong';
  const home = root?.surface === 'platform' ? '/' : '/console';
  return (
    <main className="narrow">
      <title>{title}</title>
      <h1>{title}</h1>
      <p>
        {detail ||
          (status === 404
            ? 'There is nothing at this address.'
            : status === 403
              ? 'Your account cannot open this page.'
              : 'Something went wrong on our side. Try again in a moment.')}
      </p>
      <a href={home}>Back to your dashboard</a>
    </main>
  );
}
