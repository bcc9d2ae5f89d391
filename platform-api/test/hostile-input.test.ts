import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addVendor, body, host, PRODUCT, type T, userToken } from './catalog-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';
import { applicationForm, newClient } from './vendor-helpers.js';

// Control characters (NUL above all) in paths, queries and bodies, malformed multipart bodies and
// bad percent-encodings: every answer a 4xx in the one error shape, nothing logged as a crash.
let h: ApiHarness;
let a: T;
let A: string;
const tk: Record<string, string> = {};
let productId: string;
let crashes: unknown[][] = [];

beforeAll(async () => {
  h = await createApiHarness();
  a = await h.activeTenant('hostile', 'Hostile Market');
  A = host(a);
  const vendorId = await addVendor(h, a, 'Hostile Vendor');
  const pendingVendorId = await addVendor(h, a, 'Hostile Pending', 'pending');
  tk.owner = await userToken(h, a, 'owner');
  tk.vendor = await userToken(h, a, 'vendor_admin', vendorId);
  tk.pendingVendor = await userToken(h, a, 'vendor_admin', pendingVendorId);
  tk.staff = await h.staffToken();
  const res = await h.call(A, '/api/v1/vendor/products', { body: PRODUCT, token: tk.vendor });
  productId = (await body(res)).id;
  const error = console.error;
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    crashes.push(args);
    error(...args);
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await h?.close();
});

type Operation = {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const NUL = 'x\u0000y';

/** A body for `schema` with NUL in every free text field (enums keep a valid value). */
function sample(schema: Schema | undefined, doc: Doc, depth = 0): unknown {
  if (!schema || depth > 6) return NUL;
  if (schema.$ref)
    return sample(doc.components?.schemas?.[schema.$ref.split('/').pop() ?? ''], doc, depth + 1);
  const alt = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alt?.length) return sample(alt.find((s) => s.type !== 'null') ?? alt[0], doc, depth + 1);
  if (schema.enum?.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [sample(schema.items, doc, depth + 1)];
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sample(s, doc, depth + 1)]),
      );
    default:
      return NUL;
  }
}

async function operations(hostname: string, docPath: string, base: string) {
  const doc = (await body(await h.call(hostname, docPath))) as Doc;
  const ops: { method: string; path: string; url: string; op: Operation; doc: Doc }[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const root = path.startsWith('/media/') || path.startsWith('/files/') ? '' : base;
      ops.push({ method: method.toUpperCase(), path, url: `${root}${path}`, op, doc });
    }
  }
  return ops;
}

const fill = (url: string, value: (name: string) => string) =>
  url.replace(/\{(\w+)\}/g, (_, name: string) => value(name));

describe('every operation of both OpenAPI documents', () => {
  it('answers NUL in each path and query parameter and JSON text field with a 4xx, never a crash', async () => {
    const tenantOps = await operations(A, '/api/v1/openapi.json', '/api/v1');
    const platformOps = await operations(h.config.platformHost, '/platform/v1/openapi.json', '/platform/v1');
    expect(tenantOps.length).toBeGreaterThan(40);
    expect(platformOps.length).toBeGreaterThan(5);
    crashes = [];
    const failures: string[] = [];
    let checked = 0;
    const check = async (
      label: string,
      hostname: string,
      method: string,
      url: string,
      tokens: (string | undefined)[],
      expectStatus?: number,
      expectField?: string,
      jsonBody?: unknown,
    ) => {
      for (const token of tokens) {
        const res = await h.call(hostname, url, {
          method,
          token,
          ...(jsonBody === undefined ? {} : { body: jsonBody }),
        });
        checked++;
        const text = await res.text();
        const who = token ? 'signed in' : 'anonymous';
        if (res.status >= 500) failures.push(`${label} (${who}): ${res.status} ${text.slice(0, 120)}`);
        else if (expectStatus && res.status !== expectStatus)
          failures.push(`${label} (${who}): ${res.status}, expected ${expectStatus}`);
        else if (expectField) {
          const fields = (JSON.parse(text).error?.details?.fields ?? []) as { path: string }[];
          if (!fields.some((f) => f.path === expectField))
            failures.push(`${label} (${who}): does not name ${expectField}: ${text.slice(0, 160)}`);
        }
      }
    };
    const groups = [
      { ops: tenantOps, hostname: A, tokens: [undefined, tk.owner, tk.vendor] },
      { ops: platformOps, hostname: h.config.platformHost, tokens: [undefined, tk.staff] },
    ];
    for (const { ops, hostname, tokens } of groups) {
      for (const { method, path, url, op, doc } of ops) {
        const params = op.parameters ?? [];
        const label = `${method} ${path}`;
        if (params.some((p) => p.in === 'path'))
          await check(
            `${label} with NUL in the path`,
            hostname,
            method,
            fill(url, () => 'x%00y'),
            tokens,
            404,
          );
        for (const q of params.filter((p) => p.in === 'query')) {
          const target = `${fill(url, () => productId)}?${q.name}=x%00y`;
          await check(`${label} with NUL in ?${q.name}`, hostname, method, target, tokens, 400, q.name);
        }
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (schema) {
          const target = fill(url, () => productId);
          await check(
            `${label} with NUL in the JSON body`,
            hostname,
            method,
            target,
            tokens,
            undefined,
            undefined,
            sample(schema, doc),
          );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(150);
    expect(crashes).toEqual([]);
  }, 120_000);

  it('names the JSON field that holds a control character', async () => {
    const res = await h.call(A, '/api/v1/operator/categories', {
      body: { name: 'Tools\u0001' },
      token: tk.owner,
    });
    expect(res.status).toBe(400);
    expect((await body(res)).error).toMatchObject({
      code: 'validation_failed',
      details: { fields: [{ path: 'name', message: 'must not contain control characters' }] },
    });
    // Tab, newline and carriage return are text.
    const ok = await h.call(A, `/api/v1/vendor/products/${productId}`, {
      method: 'PUT',
      body: { ...PRODUCT, description: 'Line one\r\n\tLine two' },
      token: tk.vendor,
    });
    expect(ok.status).toBe(200);
  });

  it('refuses NUL in anonymous login, password reset and vendor-directory queries with a 400', async () => {
    const login = await h.call(A, '/api/v1/auth/login', { body: { email: 'a\u0000@b.test', password: 'x' } });
    expect(login.status).toBe(400);
    const staff = await h.call(h.config.platformHost, '/platform/v1/auth/login', {
      body: { email: 'staff@agora.test', password: 'p\u0000' },
    });
    expect(staff.status).toBe(400);
    const reset = await h.call(A, '/api/v1/auth/password-reset', { body: { email: '\u0000' } });
    expect(reset.status).toBe(400);
    const search = await h.call(A, '/api/v1/vendors?q=%00');
    expect(search.status).toBe(400);
    expect((await body(search)).error.details.fields).toEqual([
      { path: 'q', message: 'must not contain control characters' },
    ]);
    expect(crashes).toEqual([]);
  });
});

describe('malformed multipart bodies on the upload routes', () => {
  const uploads = () => [
    { method: 'PUT', path: '/api/v1/settings/logo', token: tk.owner },
    { method: 'POST', path: '/api/v1/vendor-applications', token: undefined },
    { method: 'POST', path: '/api/v1/vendor/documents', token: tk.pendingVendor },
    { method: 'POST', path: `/api/v1/vendor/products/${productId}/images`, token: tk.vendor },
    { method: 'POST', path: '/api/v1/vendor/imports', token: tk.vendor },
  ];
  const bodies = [
    ['no boundary in the body', 'multipart/form-data; boundary=XYZ', 'this is not multipart at all'],
    [
      'no boundary parameter',
      'multipart/form-data',
      '--XYZ\r\nContent-Disposition: form-data; name="file"\r\n\r\nx\r\n--XYZ--',
    ],
    [
      'a truncated part',
      'multipart/form-data; boundary=XYZ',
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n',
    ],
  ] as const;

  it('answers each with 400 bad_request, never a crash', async () => {
    crashes = [];
    for (const route of uploads()) {
      for (const [what, type, text] of bodies) {
        const res = await h.api.app.request(
          route.path,
          {
            method: route.method,
            headers: {
              host: A,
              'content-type': type,
              ...(route.token ? { authorization: `Bearer ${route.token}` } : {}),
            },
            body: text,
          },
          newClient(),
        );
        const json = await res.json();
        expect({ route: route.path, what, status: res.status, code: json.error?.code }).toEqual({
          route: route.path,
          what,
          status: 400,
          code: 'bad_request',
        });
      }
    }
    expect(crashes).toEqual([]);
  });

  it('refuses NUL in a form field or a file name, naming the field', async () => {
    const form = applicationForm('nul@vendor.example', { businessName: 'Nordic\u0000Pack' });
    const res = await h.api.app.request(
      '/api/v1/vendor-applications',
      { method: 'POST', headers: { host: A }, body: form },
      newClient(),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.fields).toEqual([
      { path: 'businessName', message: 'must not contain control characters' },
    ]);
    expect(crashes).toEqual([]);
  });
});

describe('addresses outside the APIs', () => {
  it.each([
    '/assets/%E0%A4%A',
    '/assets/%00.js',
    '/console-assets/%ZZ',
    '/media/products/%00.png',
    '/media/logo/%E0%A4%A',
    '/files/%00?exp=1&sig=x',
  ])('answers %s with a 4xx, never a crash', async (path) => {
    crashes = [];
    const res = await h.call(A, path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(crashes).toEqual([]);
  });
});
