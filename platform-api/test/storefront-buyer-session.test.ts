import { newId } from '@agora/contracts';
import { hashPassword } from '@agora/core';
import { withTenant } from '@agora/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type T, userToken } from './catalog-helpers.js';
import { addCompany, buyerToken } from './company-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';

// The storefront's buyer session (storefront/app/session.server.ts), through the built Remix app
// mounted in the API (`cd storefront && npx remix vite:build` first): the same cookie as the console.
let h: ApiHarness;
let t: T;
let other: T;
const A = 'sf-buyers.localhost';
const SESSION = '__Host-agora_session';
const page = (path: string, cookie?: string, host = A) =>
  h.call(host, path, { headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
/** A form POST as a browser sends it (the harness's `call` sends JSON). */
const postForm = (path: string, fields: Record<string, string>, cookie: string) =>
  Promise.resolve(
    h.api.app.request(path, {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: { host: A, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie },
    }),
  );
const htmlOf = async (res: Response) => (await res.text()).replaceAll('<!-- -->', '');
const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]
    ?.slice(name.length + 1);

let buyer: { id: string; token: string; email: string };
let operator: string;

beforeAll(async () => {
  h = await createApiHarness();
  t = await h.activeTenant('sf-buyers', 'Buyer Market');
  other = await h.activeTenant('sf-buyers-other', 'Other Market');
  const company = await addCompany(h, t, 'Acme Buying GmbH', 'pending');
  buyer = await buyerToken(h, t, company, 'buyer_admin', { name: 'Bea Buyer' });
  operator = await userToken(h, t, 'owner');
  // A buyer with a password, to sign in through the form.
  const passwordHash = await hashPassword('buyer-password-1');
  await withTenant(h.runtime.database, t, ({ db, t: tables }) =>
    db.insert(tables.users).values({
      id: newId('usr'),
      email: 'signin@buyers.test',
      name: 'Sid Signin',
      passwordHash,
      role: 'buyer_member',
      status: 'active',
      companyId: company,
    }),
  );
  const probe = await page('/');
  if (probe.status === 503) throw new Error('The storefront is not built: build it before this test.');
});
afterAll(() => h?.close());

describe('storefront buyer session', () => {
  it('an anonymous page links to the buyer sign-in, sets no cookie and stays cacheable', async () => {
    const res = await page('/');
    expect(res.status).toBe(200);
    const html = await htmlOf(res);
    expect(html).toContain('href="/account/sign-in"');
    expect(html).not.toContain('href="/console"');
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(res.headers.get('etag')).toBeTruthy();
    expect(res.headers.get('cache-control')).toContain('public');
  });

  it("a signed-in buyer's page names them, links Account and Cart, and is never cached", async () => {
    const res = await page('/', `${SESSION}=${buyer.token}`);
    expect(res.status).toBe(200);
    const html = await htmlOf(res);
    expect(html).toContain('Bea Buyer');
    expect(html).toContain('href="/account"');
    expect(html).toContain('href="/cart"');
    expect(html).toContain('action="/account/sign-out"');
    expect(html).not.toContain('href="/account/sign-in"');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('etag')).toBeNull();
  });

  it('the account page: the buyer sees it; anonymous goes to sign-in; an operator is told it is for buyers', async () => {
    const mine = await page('/account', `${SESSION}=${buyer.token}`);
    expect(mine.status).toBe(200);
    const html = await htmlOf(mine);
    expect(html).toContain('Acme Buying GmbH');
    expect(html).toContain('waiting for approval');

    const anonymous = await page('/account?tab=1');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe(
      `/account/sign-in?next=${encodeURIComponent('/account?tab=1')}`,
    );

    const op = await page('/account', `${SESSION}=${operator}`);
    expect(op.status).toBe(403);
    expect(await htmlOf(op)).toContain('These pages are for buyer accounts');
  });

  it("another tenant's session is nobody here", async () => {
    const o = await addCompany(h, other, 'Elsewhere Ltd');
    const elsewhere = await buyerToken(h, other, o);
    const res = await page('/account', `${SESSION}=${elsewhere.token}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toContain('/account/sign-in');
    // The stale cookie is cleared.
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION}=;`))).toBe(true);
  });

  it('signs in with the form (CSRF checked, next kept same-site) and out again', async () => {
    const form = await page('/account/sign-in?next=/account');
    expect(form.status).toBe(200);
    const csrf = cookieOf(form, '__Host-agora_csrf');
    expect(csrf).toBeTruthy();
    const post = (fields: Record<string, string>, withCsrf = true) =>
      postForm(
        '/account/sign-in',
        { ...(withCsrf ? { csrf: csrf! } : {}), ...fields },
        `__Host-agora_csrf=${csrf}`,
      );

    expect((await post({ email: 'signin@buyers.test', password: 'buyer-password-1' }, false)).status).toBe(
      403,
    );
    const wrong = await post({ email: 'signin@buyers.test', password: 'wrong-password-1' });
    expect(wrong.status).toBe(401);
    expect(await htmlOf(wrong)).toContain('Email or password is incorrect');

    const ok = await post({
      email: 'signin@buyers.test',
      password: 'buyer-password-1',
      next: '//evil.example/x',
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe('/account');
    const session = cookieOf(ok, SESSION);
    expect(session).toBeTruthy();
    const account = await page('/account', `${SESSION}=${session}`);
    expect(await htmlOf(account)).toContain('Sid Signin');

    const out = await postForm(
      '/account/sign-out',
      { csrf: csrf! },
      `__Host-agora_csrf=${csrf}; ${SESSION}=${session}`,
    );
    expect(out.status).toBe(302);
    expect(out.headers.getSetCookie().some((c) => c.startsWith(`${SESSION}=;`))).toBe(true);
  });
});

describe('GET /api/v1/account', () => {
  const get = (token?: string, host = A) => h.call(host, '/api/v1/account', { token });
  it('is the buyer with their company', async () => {
    const res = await get(buyer.token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      user: {
        id: buyer.id,
        name: 'Bea Buyer',
        role: 'buyer_admin',
        emailVerified: true,
        spendingLimit: null,
      },
      company: { legalName: 'Acme Buying GmbH', status: 'pending', statusReason: null },
    });
  });
  it('refuses anonymous (401), an operator or a vendor (403) and another tenant (401)', async () => {
    expect((await get()).status).toBe(401);
    expect((await get(operator)).status).toBe(403);
    expect((await get(await userToken(h, t, 'vendor_admin'))).status).toBe(403);
    expect((await get(buyer.token, 'sf-buyers-other.localhost')).status).toBe(401);
  });
});
