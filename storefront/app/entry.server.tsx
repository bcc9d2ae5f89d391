import { RemixServer } from '@remix-run/react';
import type { AppLoadContext, EntryContext } from '@remix-run/server-runtime';
import { renderToReadableStream, renderToString } from 'react-dom/server';
import { weakEtag } from './etag.js';

/**
 * The one render entry of both runtimes (Node in the origin, workerd at the edge), Web APIs only
 * (docs/decisions/0040-edge-rendered-storefront.md). React's web build in both.
 *
 * - A page with deferred data, an error page, an action's answer: streamed
 *   (`renderToReadableStream`).
 * - A complete page (a GET answered 200 with no deferred data, which is every page the storefront
 *   has today): rendered to one string and tagged with its weak ETag (ADR 0016). In Node, React's
 *   web stream costs about 3 ms a page more than the string for the same HTML (Node's web
 *   streams; measured 2026-12-06), and a complete page gains nothing from streaming: all of it
 *   is needed before the tag can be made.
 */
export default async function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  context: EntryContext,
  loadContext: AppLoadContext,
) {
  headers.set('Content-Type', 'text/html; charset=utf-8');
  const deferred = Object.keys(context.staticHandlerContext.activeDeferreds ?? {}).length > 0;
  if (status === 200 && request.method === 'GET' && !deferred) {
    const html = `<!DOCTYPE html>${renderToString(<RemixServer context={context} url={request.url} />)}`;
    headers.set('ETag', await weakEtag(html, loadContext.pageDigest));
    return new Response(html, { status, headers });
  }
  let statusCode = status;
  const stream = await renderToReadableStream(<RemixServer context={context} url={request.url} />, {
    signal: request.signal,
    onError(error) {
      statusCode = 500;
      if (!request.signal.aborted) console.error(error);
    },
  });
  return new Response(stream, { status: statusCode, headers });
}

/**
 * Errors of loaders and renders, logged, except the ones that are answers: an aborted request, and
 * "no marketplace at this host" (the adapter answers those with the origin's own page).
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'unknown_host' || code === 'tenant_suspended') return;
  console.error(error);
}
