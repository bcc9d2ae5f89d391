import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOGO_MAX_BYTES, REQUEST_BODY_MAX_BYTES } from '@agora/contracts';
import { tinyPng } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UPLOAD_BODY_LIMITS } from '../src/middleware/body-limit.js';
import { addVendor, body, host, PRODUCT, type T, userToken } from './catalog-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';
import { applicationForm, file, newClient, tinyPdf } from './vendor-helpers.js';

// Every body is counted while it is read and refused with 413 beyond its limit, before parsing.
let h: ApiHarness;
let a: T;
let A: string;
let dataDir: string;
const tk: Record<string, string> = {};
let productId: string;
const MB = 1024 * 1024;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'agora-limits-'));
  h = await createApiHarness({ AGORA_DATA_DIR: dataDir });
  a = await h.activeTenant('limits', 'Limits Market');
  A = host(a);
  const vendorId = await addVendor(h, a, 'Limits Vendor');
  tk.owner = await userToken(h, a, 'owner');
  tk.vendor = await userToken(h, a, 'vendor_admin', vendorId);
  productId = (await body(await h.call(A, '/api/v1/vendor/products', { body: PRODUCT, token: tk.vendor })))
    .id;
});
afterAll(async () => {
  await h?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A body of `total` bytes made on demand, counting what the server actually read. */
function endless(total: number, byte = 0x61) {
  const read = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (read.bytes >= total) return controller.close();
        const chunk = new Uint8Array(Math.min(64 * 1024, total - read.bytes)).fill(byte);
        read.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, read };
}

const post = (
  hostname: string,
  path: string,
  init: { body: BodyInit; headers?: Record<string, string>; method?: string },
) =>
  Promise.resolve(
    h.api.app.request(
      path,
      {
        method: init.method ?? 'POST',
        headers: { host: hostname, ...init.headers },
        body: init.body,
        duplex: 'half',
      } as RequestInit,
      newClient(),
    ),
  );

describe('the global body limit', () => {
  it('refuses a 40 MB JSON login with 413 after reading little more than the limit', async () => {
    for (const [hostname, path] of [
      [A, '/api/v1/auth/login'],
      [h.config.platformHost, '/platform/v1/auth/login'],
    ] as const) {
      const { stream, read } = endless(40 * MB);
      const res = await post(hostname, path, {
        body: stream,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      expect((await res.json()).error).toEqual({
        code: 'payload_too_large',
        message: 'The request body is larger than the 1 MB this endpoint accepts; send less',
        details: { limitBytes: REQUEST_BODY_MAX_BYTES },
      });
      expect(read.bytes).toBeLessThan(2 * MB);
    }
  });

  it('refuses a declared Content-Length beyond the limit without reading the body', async () => {
    const { stream, read } = endless(40 * MB);
    const res = await post(A, '/api/v1/auth/login', {
      body: stream,
      headers: { 'content-type': 'application/json', 'content-length': String(40 * MB) },
    });
    expect(res.status).toBe(413);
    expect(read.bytes).toBeLessThanOrEqual(64 * 1024);
  });

  it('lets a JSON body under the limit through to validation', async () => {
    const res = await h.call(A, '/api/v1/auth/login', {
      body: { email: 'nobody@limits.test', password: 'p'.repeat(REQUEST_BODY_MAX_BYTES - 100) },
    });
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });

  it('refuses a console form over the limit with a 413 page, before the console reads it', async () => {
    const errors = vi.spyOn(console, 'error');
    const { stream } = endless(3 * MB);
    const res = await post(A, '/console/login', {
      body: stream,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('too large');
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});

describe('upload routes', () => {
  it('allow their own limit: the logo up to 512 KB plus the multipart allowance, 413 beyond', async () => {
    const logo = (size: number) => {
      const bytes = new Uint8Array(size);
      bytes.set(tinyPng());
      return post(A, '/api/v1/settings/logo', {
        method: 'PUT',
        body: bytes,
        headers: { 'content-type': 'image/png', authorization: `Bearer ${tk.owner}` },
      });
    };
    const within = await logo(LOGO_MAX_BYTES + 1); // read, then refused by the logo's own check
    expect(within.status).toBe(400);
    const beyond = await logo(UPLOAD_BODY_LIMITS.logo + 1);
    expect(beyond.status).toBe(413);
    expect((await beyond.json()).error).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringMatching(/512 KB/),
      details: { fields: [{ path: 'logo' }], limitBytes: UPLOAD_BODY_LIMITS.logo },
    });
  });

  it('allow a product image past the global limit, and refuse one past 2 MB plus the allowance', async () => {
    const image = (size: number) => {
      const bytes = new Uint8Array(size);
      bytes.set(tinyPng());
      return post(A, `/api/v1/vendor/products/${productId}/images`, {
        body: bytes,
        headers: { 'content-type': 'image/png', authorization: `Bearer ${tk.vendor}` },
      });
    };
    const big = await image(1.5 * MB);
    expect(big.status).not.toBe(413);
    const tooBig = await image(UPLOAD_BODY_LIMITS.productImage + 1);
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error.details.fields[0].path).toBe('file');
  });

  it('take a vendor application with five 4 MB documents, and refuse one past the documents limit', async () => {
    const doc = (i: number, size: number) => {
      const bytes = new Uint8Array(size);
      bytes.set(tinyPdf());
      return file(`doc${i}.pdf`, bytes, 'application/pdf');
    };
    const ok = await post(A, '/api/v1/vendor-applications', {
      body: applicationForm(
        'five@limits.example',
        {},
        [0, 1, 2, 3, 4].map((i) => doc(i, 4 * MB)),
      ),
    });
    expect(ok.status).toBe(201);
    const { stream, read } = endless(UPLOAD_BODY_LIMITS.vendorDocuments + 10 * MB);
    const tooBig = await post(A, '/api/v1/vendor-applications', {
      body: stream,
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
    });
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error.details.fields[0].path).toBe('documents');
    expect(read.bytes).toBeLessThan(UPLOAD_BODY_LIMITS.vendorDocuments + MB);
  });
});
