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
  const place =
    context.surface === 'tenant' ? (await tenantApi(context.transport).storefront()).name : 'Agora platform';
  return Response.json(
    { csrf: csrf.token, surface: context.surface, place },
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

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = isRouteErrorResponse(error)
    ? typeof error.data === 'string' && error.data
      ? error.data
      : error.statusText
    : 'Something went wrong on our side. Try again in a moment.';
  return (
    <main className="narrow">
      <title>{status === 404 ? 'Not found' : 'Error'}</title>
      <h1>{status === 404 ? 'Page not found' : status === 403 ? 'Not allowed' : 'Something went wrong'}</h1>
      <p>{message}</p>
      <a href=".">Back</a>
    </main>
  );
}
