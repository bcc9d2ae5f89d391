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
import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { useAppLinks } from './components/app-link.js';
import { SiteFooter } from './components/site-footer.js';
import { SiteHeader } from './components/site-header.js';
import { apiFor } from './context.js';
import styles from './styles.css?url';

export const links = () => [
  { rel: 'stylesheet', href: ui },
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: 'data:,' },
];

export async function loader({ context }: LoaderFunctionArgs) {
  const { name, tagline, theme, footer } = await apiFor(context).storefront();
  // Theme -> CSS on the server only, from validated values (hex colors, a font from a fixed list).
  return {
    storefront: { name, tagline, footer, themeCss: themeCss(theme), logoUrl: safeLogoUrl(theme.logoUrl) },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.storefront.name ?? 'Marketplace' },
  {
    name: 'description',
    content: data?.storefront.tagline || `${data?.storefront.name ?? ''} B2B marketplace`,
  },
];

export default function App() {
  const { storefront } = useLoaderData<typeof loader>();
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
        <SiteHeader name={storefront.name} logoUrl={logo} />
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
          <p>Please try again in a moment.</p>
          <a href="/">Back to the home page</a>
        </main>
        <Scripts />
      </body>
    </html>
  );
}
