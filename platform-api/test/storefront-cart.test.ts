import { withTenant } from '@agora/db';
import { insertCatalog } from '@agora/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBuyingCompany } from './buyer-helpers.js';
import type { T } from './catalog-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';

// The storefront's buying pages without JavaScript (plain form posts, as a browser without
// scripts sends them), through the built Remix app mounted in the API (`cd storefront && npx
// remix vite:build` first).
let h: ApiHarness;
let t: T;
const HOST = 'sf-cart.localhost';
const SESSION = '__Host-agora_session';
const CSRF = 'c'.repeat(40);
type Member = { userId: string; token: string };
let company: Awaited<ReturnType<typeof addBuyingCompany>>;
let buyer: Member;
let approver: Member;
let limited: Member;

const cookieFor = (m?: Member) =>
  [`__Host-agora_csrf=${CSRF}`, ...(m ? [`${SESSION}=${m.token}`] : [])].join('; ');
const page = (path: string, m?: Member) =>
  h.call(HOST, path, { headers: { accept: 'text/html', cookie: cookieFor(m) } });
const post = (path: string, fields: Record<string, string>, m?: Member) =>
  Promise.resolve(
    h.api.app.request(path, {
      method: 'POST',
      body: new URLSearchParams({ csrf: CSRF, ...fields }).toString(),
      headers: {
        host: HOST,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
        cookie: cookieFor(m),
      },
    }),
  );
const htmlOf = async (res: Response) => (await res.text()).replaceAll('<!-- -->', '');

beforeAll(async () => {
  h = await createApiHarness();
  t = await h.activeTenant('sf-cart', 'Cart Market');
  await insertCatalog(h.runtime.database, t, {
    vendors: [
      { id: 'ven_alpha', name: 'Alpha Tools' },
      { id: 'ven_beta', name: 'Beta Fasteners' },
    ],
    products: [
      {
        id: 'prd_bolt',
        vendorId: 'ven_beta',
        sku: 'BOLT-8',
        title: 'Hex bolt M8',
        basePriceMinor: 250,
        minOrderQty: 100,
        tiers: [
          { minQty: 100, unitPriceMinor: 250 },
          { minQty: 1000, unitPriceMinor: 200 },
        ],
      },
      {
        id: 'prd_drill',
        vendorId: 'ven_alpha',
        sku: 'DRILL-1',
        title: 'Cordless drill',
        basePriceMinor: 10_000,
      },
    ],
  });
  await withTenant(h.runtime.database, t, async ({ db, t: x }) => {
    await db.update(x.products).set({ orderIncrement: 50 }).where(eq(x.products.id, 'prd_bolt'));
    await db.update(x.settings).set({
      marketplace: sql`${x.settings.marketplace} || '{"taxBps": 1900, "currency": "EUR"}'::jsonb`,
    });
  });
  company = await addBuyingCompany(h, t);
  buyer = await company.member('buyer_member');
  approver = await company.member('buyer_approver');
  limited = await company.member('buyer_member', [5_000, 'month']);
  const probe = await page('/');
  if (probe.status === 503) throw new Error('The storefront is not built: build it before this test.');
}, 180_000);
afterAll(() => h?.close());

describe('add to cart', () => {
  it('the product page offers it with the minimum order pre-filled', async () => {
    const html = await htmlOf(await page('/products/prd_bolt'));
    expect(html).toContain('action="/cart/add"');
    expect(html).toMatch(/name="qty"[^>]*value="100"/);
  });

  it('an anonymous visitor goes to sign in and comes back to the product', async () => {
    const res = await post('/cart/add', { productId: 'prd_bolt', qty: '100', back: '/products/prd_bolt' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(
      `/account/sign-in?next=${encodeURIComponent('/products/prd_bolt')}`,
    );
  });

  it('a buyer adds (to the cart page); a wrong quantity goes back with what is allowed', async () => {
    const ok = await post(
      '/cart/add',
      { productId: 'prd_bolt', qty: '100', back: '/products/prd_bolt' },
      buyer,
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe('/cart?added=prd_bolt');
    const bad = await post(
      '/cart/add',
      { productId: 'prd_bolt', qty: '120', back: '/products/prd_bolt' },
      buyer,
    );
    expect(bad.status).toBe(302);
    const back = bad.headers.get('location') ?? '';
    expect(back).toBe('/products/prd_bolt?qty=120&cart_error=qty');
    const html = await htmlOf(await page(back, buyer));
    expect(html).toContain('This product can be ordered at least 100, in steps of 50 piece.');
    // Only known codes become words: a crafted link puts nothing on the (public) page.
    expect(await htmlOf(await page('/products/prd_bolt?cart_error=Call+us'))).not.toContain('Call us');
  });
});

describe('the cart page', () => {
  it('shows lines by vendor with the next tier, changes a quantity, refuses a wrong one, removes', async () => {
    await post('/cart/add', { productId: 'prd_drill', qty: '1', back: '/products/prd_drill' }, buyer);
    const res = await page('/cart', buyer);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await htmlOf(res);
    expect(html).toContain('Alpha Tools');
    expect(html).toContain('Beta Fasteners');
    expect(html).toContain('Order 1,000 to pay €2.00 each');
    const wrong = await post('/cart', { intent: 'set', productId: 'prd_bolt', qty: '130' }, buyer);
    expect(wrong.status).toBe(400);
    expect(await htmlOf(wrong)).toContain('at least 100, in steps of 50');
    expect((await post('/cart', { intent: 'set', productId: 'prd_bolt', qty: '1000' }, buyer)).status).toBe(
      302,
    );
    expect(await htmlOf(await page('/cart', buyer))).toContain('you save €500.00');
    expect((await post('/cart', { intent: 'remove', productId: 'prd_drill' }, buyer)).status).toBe(302);
    expect(await htmlOf(await page('/cart', buyer))).not.toContain('Cordless drill');
  });

  it('anonymous goes to sign in; a form without its CSRF field is refused', async () => {
    const res = await page('/cart');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/account/sign-in?next=${encodeURIComponent('/cart')}`);
    const forged = await h.api.app.request('/cart', {
      method: 'POST',
      body: 'intent=clear',
      headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded', cookie: cookieFor(buyer) },
    });
    expect(forged.status).toBe(403);
  });
});

describe('quick order', () => {
  it('adds good lines and lists the others by line number', async () => {
    const res = await post('/cart/quick-order', { text: 'DRILL-1, 2\nNOPE, 3\nBOLT-8, 7' }, buyer);
    expect(res.status).toBe(200);
    const html = await htmlOf(res);
    expect(html).toContain('Added 1 line to your cart.');
    expect(html).toMatch(/<td>2<\/td><td><code>NOPE, 3<\/code><\/td><td>No product with SKU NOPE/);
    expect(html).toMatch(/<td>3<\/td>.*at least 100, in steps of 50/s);
  });
});

describe('checkout', () => {
  it('the form carries an idempotency key: submitting it twice places once', async () => {
    const form = await htmlOf(await page('/checkout', buyer));
    const key = form.match(/name="idempotencyKey" value="([^"]+)"/)?.[1];
    const total = form.match(/name="expectedTotalMinor" value="(\d+)"/)?.[1];
    expect(key).toBeTruthy();
    expect(form).toContain('Bank transfer in advance');
    const fields = {
      idempotencyKey: key!,
      currency: 'EUR',
      expectedTotalMinor: total!,
      shippingAddressId: company.addressId,
      poNumber: 'PO-42',
      'notes.ven_beta': 'Dock 4',
    };
    const first = await post('/checkout', fields, buyer);
    const second = await post('/checkout', fields, buyer);
    expect(first.status).toBe(302);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    const done = await htmlOf(await page(first.headers.get('location')!, buyer));
    expect(done).toContain('your order is placed');
    expect(done).toContain('PO PO-42');
    const groups = await withTenant(h.runtime.database, t, ({ db, t: x }) =>
      db.select().from(x.orderGroups).where(eq(x.orderGroups.buyerUserId, buyer.userId)),
    );
    expect(groups).toHaveLength(1);
  });
});

describe('approvals', () => {
  it('over the limit the buyer waits; a member cannot open approvals; the approver approves', async () => {
    await post('/cart/add', { productId: 'prd_drill', qty: '1', back: '/' }, limited);
    const form = await htmlOf(await page('/checkout', limited));
    const key = form.match(/name="idempotencyKey" value="([^"]+)"/)?.[1] as string;
    const placed = await post(
      '/checkout',
      { idempotencyKey: key, currency: 'EUR', shippingAddressId: company.addressId },
      limited,
    );
    const location = placed.headers.get('location') ?? '';
    expect(await htmlOf(await page(location, limited))).toContain('Your order waits for approval');
    const groupId = location.split('/').pop() as string;

    expect((await page('/account/approvals', buyer)).status).toBe(403);
    const queue = await htmlOf(await page('/account/approvals', approver));
    expect(queue).toContain(`/account/approvals/${groupId}`);
    const other = await addBuyingCompany(h, t);
    const stranger = await other.member('buyer_admin');
    expect((await page(`/account/approvals/${groupId}`, stranger)).status).toBe(404);

    const empty = await post(`/account/approvals/${groupId}`, { intent: 'decline', reason: '' }, approver);
    expect(empty.status).toBe(400);
    const approved = await post(`/account/approvals/${groupId}`, { intent: 'approve' }, approver);
    expect(approved.status).toBe(302);
    expect(await htmlOf(await page(`/account/approvals/${groupId}`, approver))).toContain(
      'Alpha Tools: order',
    );
  });
});
