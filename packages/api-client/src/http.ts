/** An API error as the server described it: `{ error: { code, message, details? } }`. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { fields?: { path: string; message: string }[] } & Record<string, unknown>,
  ) {
    super(message);
  }

  /** Field -> message, for forms. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.details?.fields ?? []).map((f) => [f.path, f.message]));
  }
}

export type Transport = {
  /** `fetch`-compatible: the Hono app's own fetch in process, or the network fetch. */
  fetch: (request: Request) => Promise<Response>;
  /** Origin whose Host the API sees, e.g. `http://acme.localhost:3000`. */
  origin: string;
  token?: string;
  /** Forwarded as-is (request id, client address). */
  headers?: Record<string, string>;
};

/**
 * A list's query parameters as a caller may send them: the names of the contract's query schema,
 * any value (an address's text included); the API validates and answers 400 for a bad one.
 */
export type QueryOf<Q> = { [K in keyof Q]?: string | number | undefined };

export type RequestOptions = {
  /** Multipart body (files); fetch sets the content type with its boundary. */
  form?: FormData;
  method?: string;
  body?: unknown;
  raw?: { bytes: Uint8Array; contentType: string };
  query?: Record<string, string | number | undefined>;
  /** Headers of this request only (an `Idempotency-Key`). */
  headers?: Record<string, string>;
};

export async function request<T>(t: Transport, path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(path, t.origin);
  for (const [k, v] of Object.entries(options.query ?? {}))
    if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  const headers = new Headers(t.headers);
  for (const [k, v] of Object.entries(options.headers ?? {})) headers.set(k, v);
  // In process there is no socket to carry the host: say it explicitly (the API resolves the tenant from it).
  headers.set('host', url.host);
  headers.set('accept', 'application/json');
  if (t.token) headers.set('authorization', `Bearer ${t.token}`);
  let body: RequestInit['body'];
  if (options.form) {
    body = options.form;
  } else if (options.raw) {
    headers.set('content-type', options.raw.contentType);
    body = options.raw.bytes as Uint8Array<ArrayBuffer>;
  } else if (options.body !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(options.body);
  }
  const res = await t.fetch(
    new Request(url, { method: options.method ?? (body ? 'POST' : 'GET'), headers, body }),
  );
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as {
    error?: { code: string; message: string; details?: never };
  } | null;
  if (!res.ok) {
    const e = data?.error;
    throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.details);
  }
  return data as T;
}

/** A text response (CSV downloads); errors as in `request`. */
export async function requestText(t: Transport, path: string): Promise<string> {
  const url = new URL(path, t.origin);
  const headers = new Headers(t.headers);
  headers.set('host', url.host);
  if (t.token) headers.set('authorization', `Bearer ${t.token}`);
  const res = await t.fetch(new Request(url, { headers }));
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(
      res.status,
      data?.error?.code ?? 'http_error',
      data?.error?.message ?? `HTTP ${res.status}`,
    );
  }
  return res.text();
}

/**
 * The response itself, for downloads a page passes on (CSV, PDF) without reading; errors as in
 * `request`.
 */
export async function requestResponse(
  t: Transport,
  path: string,
  query: Record<string, string | number | undefined> = {},
): Promise<Response> {
  const url = new URL(path, t.origin);
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  const headers = new Headers(t.headers);
  headers.set('host', url.host);
  if (t.token) headers.set('authorization', `Bearer ${t.token}`);
  const res = await t.fetch(new Request(url, { headers }));
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(
      res.status,
      data?.error?.code ?? 'http_error',
      data?.error?.message ?? `HTTP ${res.status}`,
    );
  }
  return res;
}
