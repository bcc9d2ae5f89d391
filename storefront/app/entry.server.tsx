import { RemixServer } from '@remix-run/react';
import type { AppLoadContext, EntryContext } from '@remix-run/server-runtime';
import { renderToReadableStream } from 'react-dom/server';
import { weakEtag } from './etag.js';

/**
 * The one render entry of both runtimes (Node in the origin, workerd at the edge): React's web
 * streams renderer, Web APIs only (docs/decisions/0034-h8-edge-rendered-storefront.md).
 *
 * Pages have no deferred data, so the stream is complete once `allReady` resolves. A successful GET
 * is then read into one string to tag it with a weak ETag (ADR 0016) and sent as that string (Node's
 * server writes a string body in one go); anything else (errors, actions) is sent as the stream.
 */
export default async function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  context: EntryContext,
  loadContext: AppLoadContext,
) {
  let statusCode = status;
  const stream = await renderToReadableStream(<RemixServer context={context} url={request.url} />, {
    signal: request.signal,
    onError(error) {
      statusCode = 500;
      if (!request.signal.aborted) console.error(error);
    },
  });
  await stream.allReady;
  headers.set('Content-Type', 'text/html; charset=utf-8');
  if (statusCode !== 200 || request.method !== 'GET')
    return new Response(stream, { status: statusCode, headers });
  const html = await new Response(stream).text();
  headers.set('ETag', await weakEtag(html, loadContext.pageDigest));
  return new Response(html, { status: statusCode, headers });
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
