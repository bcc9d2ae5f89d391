import type { Context } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from './context.js';

const page = (title: string, message: string) => html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;margin:0;color:#222}
main{max-width:32rem;text-align:center}h1{font-size:1.6rem}</style></head>
<body><main><h1>${title}</h1><p>${message}</p></main></body></html>`;

/** A short page for a browser, or the one error shape for anything else. */
export function errorPage(
  c: Context<AppEnv>,
  status: 400 | 404,
  code: string,
  title: string,
  message: string,
) {
  const wantsJson = /^\/(api|platform)\//.test(c.req.path) || !c.req.header('accept')?.includes('text/html');
  return wantsJson ? c.json({ error: { code, message } }, status) : c.html(page(title, message), status);
}

/** Pages for requests no app handles: unknown host, suspended marketplace, missing page. */
export function fallbackPage(c: Context<AppEnv>) {
  const surface = c.var.surface;
  const wantsJson = /^\/(api|platform)\//.test(c.req.path) || !c.req.header('accept')?.includes('text/html');
  if (surface?.kind === 'unknown') {
    return wantsJson
      ? c.json({ error: { code: 'unknown_host', message: 'No marketplace at this address' } }, 404)
      : c.html(
          page('No marketplace at this address', 'Check the address, or contact whoever sent you the link.'),
          404,
        );
  }
  if (surface?.kind === 'tenant' && surface.tenant.status === 'suspended') {
    return wantsJson
      ? c.json(
          { error: { code: 'tenant_suspended', message: 'This marketplace is suspended and unavailable' } },
          503,
        )
      : c.html(
          page(
            'Marketplace unavailable',
            'This marketplace is currently unavailable. Please try again later.',
          ),
          503,
        );
  }
  return wantsJson
    ? c.json({ error: { code: 'not_found', message: `Nothing at ${c.req.path}` } }, 404)
    : c.html(page('Page not found', 'There is nothing at this address.'), 404);
}

/**
 * A form posted to a page of this host from another site's page (its Origin names another host):
 * refused before the web app runs the action, as a 403 saying what happened, not a crash.
 */
export function crossSiteFormPage(c: Context<AppEnv>) {
  const message =
    'This form was sent from a page of another site, so it was not accepted. ' +
    'Open the page on this site and send the form from there.';
  return c.req.header('accept')?.includes('text/html')
    ? c.html(page('Form not accepted', message), 403)
    : c.json({ error: { code: 'forbidden', message } }, 403);
}
