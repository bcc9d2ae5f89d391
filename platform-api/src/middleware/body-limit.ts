import {
  AppError,
  CATALOG_IMPORT_MAX_BYTES,
  LOGO_MAX_BYTES,
  MULTIPART_OVERHEAD_BYTES,
  PRODUCT_IMAGE_MAX_BYTES,
  REQUEST_BODY_MAX_BYTES,
  VENDOR_DOCUMENT_MAX_BYTES,
  VENDOR_DOCUMENTS_PER_UPLOAD,
} from '@agora/contracts';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';

/** The body limit of each upload endpoint: its files' limit plus the multipart framing around them. */
export const UPLOAD_BODY_LIMITS = {
  logo: LOGO_MAX_BYTES + MULTIPART_OVERHEAD_BYTES,
  productImage: PRODUCT_IMAGE_MAX_BYTES + MULTIPART_OVERHEAD_BYTES,
  catalogImport: CATALOG_IMPORT_MAX_BYTES + MULTIPART_OVERHEAD_BYTES,
  // The application form's text fields come with the documents.
  vendorDocuments: VENDOR_DOCUMENTS_PER_UPLOAD * VENDOR_DOCUMENT_MAX_BYTES + 1024 * 1024,
} as const;

/** The largest upload: what a page's multipart form (the web apps forward uploads to the API) may send. */
export const MAX_UPLOAD_BODY = Math.max(...Object.values(UPLOAD_BODY_LIMITS));

export type BodyLimit = { maxBytes: number; tooLarge: (maxBytes: number) => AppError; exceeded?: AppError };

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
const defaultTooLarge = (maxBytes: number) =>
  new AppError(
    'payload_too_large',
    `The request body is larger than the ${mb(maxBytes)} this endpoint accepts; send less`,
    { limitBytes: maxBytes },
  );

/** A 400-style field error (logoTooLarge, ...) as the 413 it is when the body itself is too large. */
export const asTooLarge = (error: AppError, maxBytes: number) =>
  new AppError('payload_too_large', error.message, {
    ...(typeof error.details === 'object' && error.details !== null ? error.details : {}),
    limitBytes: maxBytes,
  });

/**
 * Every request body is counted as it is read, and refused with 413 `payload_too_large` beyond
 * its limit: REQUEST_BODY_MAX_BYTES, unless the route raised it with `allowBody` (uploads). The
 * count happens on the stream itself, lazily, so the limit in force is the one the route set by
 * the time its handler reads; a declared Content-Length beyond it is refused before a byte is
 * read, and a body without one is cut off at the first chunk past the limit. Nothing is parsed,
 * hashed or stored from a refused body, whoever read it: the 413 replaces whatever the reader
 * made of the error (a JSON parser's 400, a web app's error page).
 */
export const limitBodies = createMiddleware<AppEnv>(async (c, next) => {
  const raw = c.req.raw;
  if (!raw.body || raw.method === 'GET' || raw.method === 'HEAD') return next();
  const limit: BodyLimit = { maxBytes: REQUEST_BODY_MAX_BYTES, tooLarge: defaultTooLarge };
  c.set('bodyLimit', limit);
  const source = raw.body;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let seen = 0;
  const refuse = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    limit.exceeded = limit.tooLarge(limit.maxBytes);
    controller.error(limit.exceeded);
    void (reader ?? source).cancel().catch(() => {});
  };
  const counted = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!reader) {
          const declared = Number(raw.headers.get('content-length') ?? 0);
          if (declared > limit.maxBytes) return refuse(controller);
          reader = source.getReader();
        }
        const { done, value } = await reader.read();
        if (done) return controller.close();
        seen += value.byteLength;
        if (seen > limit.maxBytes) return refuse(controller);
        controller.enqueue(value);
      },
      cancel(reason) {
        return (reader ?? source).cancel(reason);
      },
    },
    // Pull only when read: nothing is taken from the socket before the route has set its limit.
    { highWaterMark: 0 },
  );
  c.req.raw = new Request(raw, { body: counted, duplex: 'half' } as RequestInit);
  await next();
  if (limit.exceeded) {
    c.res = undefined; // not merged with the headers of whatever the reader answered
    c.res = tooLargeResponse(c, limit.exceeded);
  }
});

/** Let this route's body be up to `maxBytes`, refused beyond with `tooLarge` (413 by default). */
export function allowBody(c: Context<AppEnv>, maxBytes: number, tooLarge?: () => AppError) {
  const limit = c.var.bodyLimit;
  if (!limit) return;
  limit.maxBytes = maxBytes;
  if (tooLarge) limit.tooLarge = (max) => asTooLarge(tooLarge(), max);
}

/** Route middleware: `allowBody` for an upload endpoint. */
export const uploadLimit = (maxBytes: number, tooLarge?: () => AppError) =>
  createMiddleware<AppEnv>(async (c, next) => {
    allowBody(c, maxBytes, tooLarge);
    await next();
  });

/** The 413 in the one error shape (a short page for browsers); the connection closes, unread. */
export function tooLargeResponse(c: Context<AppEnv>, error: AppError): Response {
  const body = { error: { code: error.code, message: error.message, details: error.details } };
  const html = !/^\/(api|platform)\//.test(c.req.path) && c.req.header('accept')?.includes('text/html');
  return html
    ? new Response(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too large</title></head><body><main><h1>That was too large to send</h1><p>${escapeHtml(error.message)}</p><p>Go back and try again with a smaller file.</p></main></body></html>`,
        { status: 413, headers: { 'content-type': 'text/html; charset=utf-8', connection: 'close' } },
      )
    : new Response(JSON.stringify(body), {
        status: 413,
        headers: { 'content-type': 'application/json', connection: 'close' },
      });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
