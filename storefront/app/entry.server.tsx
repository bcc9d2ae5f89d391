import type { EntryContext } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { renderToString } from 'react-dom/server';
import { weakEtag } from './etag.js';

// Pages are small and fully server-rendered: one synchronous render is the fastest path.
export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  context: EntryContext,
) {
  const html = `<!DOCTYPE html>${renderToString(<RemixServer context={context} url={request.url} />)}`;
  headers.set('Content-Type', 'text/html; charset=utf-8');
  // The validator is made here, where the page is one string (docs/decisions/0016).
  if (status === 200) headers.set('ETag', weakEtag(html));
  return new Response(html, { status, headers });
}
