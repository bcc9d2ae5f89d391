import { createTenantUser, ensureStaffUser } from '@agora/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, createApiHarness } from './harness.js';
import { fromAddress } from './vendor-helpers.js';

// Logins and password reset requests are throttled per client address and per account (ADR
// 0025), counted in the real Redis under this file's own key prefix. Small limits keep it quick.
let h: ApiHarness;
type T = { id: string; schemaName: string; slug: string };
let a: T;
let b: T;
const P = 'platform.localhost';
const body = async (res: Response) => (await res.json()) as any;

const post = (host: string, path: string, json: unknown, address: string) =>
  Promise.resolve(
    h.api.app.request(
      path,
      { method: 'POST', headers: { host, 'content-type': 'application/json' }, body: JSON.stringify(json) },
      fromAddress(address),
    ),
  );
const login = (t: T, email: string, password: string, address: string) =>
  post(`${t.slug}.localhost`, '/api/v1/auth/login', { email, password }, address);
const resetRequest = (t: T, email: string, address: string) =>
  post(`${t.slug}.localhost`, '/api/v1/auth/password-reset', { email }, address);

async function expect429(res: Response, message: RegExp, windowS: number) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(windowS - 30);
  expect(retryAfter).toBeLessThanOrEqual(windowS);
  expect(await body(res)).toEqual({
    error: {
      code: 'rate_limited',
      message: expect.stringMatching(message),
      details: { retryAfterSeconds: retryAfter },
    },
  });
}

beforeAll(async () => {
  h = await createApiHarness({
    AGORA_LOGIN_ADDRESS_LIMIT: '8',
    AGORA_LOGIN_ACCOUNT_LIMIT: '3',
    AGORA_LOGIN_WINDOW_S: '900',
    AGORA_PASSWORD_RESET_ADDRESS_LIMIT: '4',
    AGORA_PASSWORD_RESET_ACCOUNT_LIMIT: '2',
    AGORA_PASSWORD_RESET_WINDOW_S: '3600',
  });
  [a, b] = [await h.activeTenant('thr-a'), await h.activeTenant('thr-b')];
  for (const t of [a, b])
    for (const who of ['victim', 'other', 'steady'])
      await createTenantUser(h.runtime.database, t, {
        email: `${who}@thr.test`,
        password: 'right-password-1',
        role: 'operator',
      });
  await ensureStaffUser(h.runtime.database, { email: 'ops@agora.test', password: 'right-password-1' });
});
afterAll(() => h?.close());

describe('tenant logins', () => {
  it('refuses an account after 3 failed logins from any mix of addresses, with 429 and Retry-After, even with the right password', async () => {
    for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3'])
      expect((await login(a, 'victim@thr.test', 'wrong-guess', address)).status).toBe(401);
    await expect429(
      await login(a, 'Victim@THR.test', 'right-password-1', '198.51.100.4'),
      /^Too many failed logins for this account; try again in about 15 minutes/,
      900,
    );
    // Other accounts, and the same email on another marketplace, are not affected.
    expect((await login(a, 'other@thr.test', 'right-password-1', '198.51.100.4')).status).toBe(200);
    expect((await login(b, 'victim@thr.test', 'right-password-1', '198.51.100.4')).status).toBe(200);
  });

  it('counts only failures per account, and a successful login starts the count over', async () => {
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++)
        expect((await login(a, 'steady@thr.test', 'typo-password', `198.51.101.${round}`)).status).toBe(401);
      expect((await login(a, 'steady@thr.test', 'right-password-1', `198.51.101.${round}`)).status).toBe(200);
    }
    // An unknown account counts the same as a known one, so the 429 tells nothing about it.
    for (let i = 0; i < 3; i++)
      expect((await login(a, 'nobody@thr.test', 'whatever-1', `198.51.102.${i}`)).status).toBe(401);
    expect((await login(a, 'nobody@thr.test', 'whatever-1', '198.51.102.9')).status).toBe(429);
  });

  it('counts every attempt per address: the 9th login from one address in the window is refused', async () => {
    const address = '203.0.113.50';
    for (let i = 0; i < 8; i++)
      expect((await login(b, 'other@thr.test', 'right-password-1', address)).status).toBe(200);
    await expect429(
      await login(b, 'other@thr.test', 'right-password-1', address),
      /^Too many login attempts from your network address/,
      900,
    );
    expect((await login(b, 'other@thr.test', 'right-password-1', '203.0.113.51')).status).toBe(200);
  });
});

describe('staff logins', () => {
  it('are limited the same way on the platform host, apart from the marketplaces', async () => {
    const staff = (password: string, address: string) =>
      post(P, '/platform/v1/auth/login', { email: 'ops@agora.test', password }, address);
    for (let i = 0; i < 3; i++) expect((await staff('wrong-guess', `192.0.2.${i}`)).status).toBe(401);
    await expect429(await staff('right-password-1', '192.0.2.9'), /^Too many failed logins/, 900);
    // The same email on a marketplace has its own count.
    expect((await login(a, 'ops@agora.test', 'x-wrong-1', '192.0.2.9')).status).toBe(401);
  });

  it('documents the 429 with Retry-After', async () => {
    const doc = await body(await h.call(P, '/platform/v1/openapi.json'));
    const r429 = doc.paths['/auth/login'].post.responses['429'];
    expect(r429.headers['Retry-After']).toBeDefined();
    const tenantDoc = await body(await h.call('thr-a.localhost', '/api/v1/openapi.json'));
    expect(tenantDoc.paths['/auth/login'].post.responses['429']).toBeDefined();
    expect(tenantDoc.paths['/auth/password-reset'].post.responses['429']).toBeDefined();
  });
});

describe('password reset requests', () => {
  it('takes 2 per email from any address, then 429, whether or not the account exists', async () => {
    for (const email of ['victim@thr.test', 'ghost@thr.test']) {
      expect((await resetRequest(b, email, '198.51.103.1')).status).toBe(202);
      expect((await resetRequest(b, email, '198.51.103.2')).status).toBe(202);
      await expect429(
        await resetRequest(b, email.toUpperCase(), '198.51.103.3'),
        /^Too many password reset requests for this email; try again in about 60 minutes/,
        3600,
      );
    }
  });

  it('takes 4 per address, whatever the emails; an invalid request gives its hit back', async () => {
    const address = '198.51.104.1';
    for (let i = 0; i < 3; i++) expect((await resetRequest(a, 'not-an-email', address)).status).toBe(400);
    for (let i = 0; i < 4; i++)
      expect((await resetRequest(a, `person${i}@thr.test`, address)).status).toBe(202);
    await expect429(
      await resetRequest(a, 'person9@thr.test', address),
      /^Too many password reset requests from your network address/,
      3600,
    );
    expect((await resetRequest(a, 'person9@thr.test', '198.51.104.2')).status).toBe(202);
  });
});
