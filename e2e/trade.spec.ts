import { readFileSync } from 'node:fs';
import { type Browser, type Page, request } from '@playwright/test';
import { createBuyingCompany, twoVendorsProducts } from './buyers.js';
import { consoleLogin, expect, latestEmail, linkIn, shot, test, url } from './fixtures.js';

// Issue 12's whole story on one marketplace, through the pages: a company signs up and is
// approved; its admin invites a buyer with a monthly limit; the buyer quick-orders from two
// vendors, crosses the limit, the admin approves and two orders are placed; each vendor accepts
// and ships with tracking; the buyer follows the timeline, confirms receipt and downloads an
// invoice; the operator sees both orders. Another company's member and another marketplace's
// token get nothing of it.
const HOST = 'acme.localhost';
const OWNER = { email: 'owner@acme.test', password: 'acme-owner-demo' };
const stamp = Date.now().toString(36);
const ADMIN = { email: `trade-admin-${stamp}@buyer.test`, password: 'trade-admin-pass-1' };
const MEMBER = { email: `trade-member-${stamp}@buyer.test`, password: 'trade-member-pass-1' };
const COMPANY = `Trade ${stamp} GmbH`;
const PO = `PO-TRADE-${stamp}`;

const newPage = async (browser: Browser, viewport = { width: 1280, height: 900 }) =>
  (await browser.newContext({ viewport, acceptDownloads: true })).newPage();

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto(url(HOST, '/account/sign-in'));
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/account$/);
}

async function address(page: Page, prefix: string, line1: string, postal: string, city: string) {
  await page.locator(`[name="${prefix}line1"]`).fill(line1);
  await page.locator(`[name="${prefix}postalCode"]`).fill(postal);
  await page.locator(`[name="${prefix}city"]`).fill(city);
  await page.locator(`[name="${prefix}country"]`).fill('DE');
}

test('a company signs up, buys from two vendors over its limit with approval, and follows its orders to delivery', async ({
  browser,
}, info) => {
  test.setTimeout(240_000);
  const [first, second] = await twoVendorsProducts('acme');

  // The company signs up and verifies its email; the operator approves it.
  const admin = await newPage(browser);
  await admin.goto(url(HOST, '/account/sign-up'));
  await admin.locator('[name="legalName"]').fill(COMPANY);
  await admin.locator('[name="country"]').fill('DE');
  await admin.locator('[name="taxId"]').fill(`DE${stamp}`);
  await address(admin, 'billingAddress.', 'Hauptstr. 1', '10115', 'Berlin');
  await admin.locator('[name="shippingAddresses.0.label"]').fill('Main warehouse');
  await address(admin, 'shippingAddresses.0.address.', 'Hafen 2', '20457', 'Hamburg');
  await admin.locator('[name="name"]').fill('Tara Admin');
  await admin.locator('[name="email"]').fill(ADMIN.email);
  await admin.locator('[name="password"]').fill(ADMIN.password);
  await admin.getByRole('button', { name: 'Create the account' }).click();
  await expect(admin.getByTestId('company-status')).toHaveText('waiting for approval');
  const verify = await latestEmail(admin, ADMIN.email, /Confirm your email/);
  await admin.goto(linkIn(verify, '/account/verify-email'));
  await expect(admin.getByTestId('verify-result')).toHaveText('Your email address is verified.');

  const operator = await newPage(browser);
  await consoleLogin(operator, HOST, OWNER.email, OWNER.password);
  await operator.goto(url(HOST, '/console/companies?status=pending'));
  await operator.getByRole('link', { name: COMPANY }).click();
  await operator.getByRole('button', { name: 'Approve' }).click();
  await expect(operator.getByText(`Done: ${COMPANY} is now approved.`)).toBeVisible();

  // The admin invites a buyer with a monthly limit of €1.00: every order of theirs waits.
  await admin.goto(url(HOST, '/account/members'));
  const invite = admin.getByTestId('invite-form');
  await invite.getByLabel('Email').fill(MEMBER.email);
  await invite.getByLabel('Role').selectOption('buyer_member');
  await invite.getByLabel(/Spending limit/).fill('1.00');
  await invite.getByLabel('Period').selectOption('month');
  await invite.getByRole('button', { name: 'Send the invitation' }).click();
  await expect(admin.getByTestId(`member-${MEMBER.email}`)).toContainText('limit €1.00 per month');

  const buyer = await newPage(browser, { width: 390, height: 844 });
  const invitation = await latestEmail(buyer, MEMBER.email, /invited/);
  await buyer.goto(linkIn(invitation, '/account/accept-invite'));
  await buyer.getByLabel('Your name').fill('Tom Buyer');
  await buyer.getByLabel('Password').fill(MEMBER.password);
  await buyer.getByRole('button', { name: 'Activate my account' }).click();
  await expect(buyer.getByTestId('spending-limit')).toHaveText('€1.00 per month');

  // Quick order from two vendors, then checkout: over the limit, it waits for approval.
  await buyer.goto(url(HOST, '/cart/quick-order'));
  await buyer
    .getByLabel('Lines')
    .fill(`${first.sku}, ${first.minOrderQty}\n${second.sku}, ${second.minOrderQty}`);
  await buyer.getByRole('button', { name: 'Add to cart' }).click();
  await expect(buyer.getByTestId('quick-order-result')).toContainText('Added 2 lines to your cart.');
  await buyer.goto(url(HOST, '/cart'));
  await expect(buyer.getByTestId('cart-group')).toHaveCount(2);
  await buyer.getByRole('link', { name: 'Check out' }).click();
  await expect(buyer.getByTestId('checkout-vendor')).toHaveCount(2);
  await buyer.getByLabel('PO number (optional)').fill(PO);
  await buyer.getByTestId('place-order').click();
  await expect(buyer.getByTestId('checkout-waiting')).toBeVisible();

  // The admin approves: two orders, one per vendor.
  await latestEmail(admin, ADMIN.email, /Approval needed/);
  await admin.goto(url(HOST, '/account/approvals'));
  await admin.getByTestId('checkout-row').first().getByRole('link').click();
  await admin.getByTestId('approve').click();
  const placed = admin.getByTestId('placed-order');
  await expect(placed).toHaveCount(2);
  const orders = await Promise.all(
    (await placed.all()).map(async (li) => ({
      id: (await li.locator('code').textContent()) as string,
      vendor: ((await li.textContent()) as string).split(': order')[0] as string,
    })),
  );
  expect(new Set(orders.map((o) => o.vendor)).size).toBe(2);

  // Each vendor accepts and ships with a tracking number.
  for (const [i, order] of orders.entries()) {
    const vendor = await newPage(browser);
    await consoleLogin(
      vendor,
      HOST,
      `sales@${order.vendor.toLowerCase().replace(/[^a-z]+/g, '-')}.test`,
      'vendor-demo-pass',
    );
    await vendor.goto(url(HOST, `/console/orders/${order.id}`));
    await vendor.getByRole('button', { name: 'Accept order' }).click();
    await expect(vendor.getByText('Done: the order is accepted.')).toBeVisible();
    await vendor.getByLabel('Carrier').fill('DHL');
    await vendor.getByLabel('Tracking number').fill(`TRADE-${stamp}-${i}`);
    await vendor.getByRole('button', { name: 'Ship', exact: true }).click();
    await expect(vendor.getByText('Every line has shipped.')).toBeVisible();
    await vendor.context().close();
  }

  // The buyer follows the first order, confirms receipt and downloads its invoice.
  const firstOrder = orders[0] as { id: string };
  await buyer.goto(url(HOST, '/account/orders'));
  await expect(buyer.locator(`a[href="/account/orders/${firstOrder.id}"]`)).toBeVisible();
  await buyer.goto(url(HOST, `/account/orders/${firstOrder.id}`));
  const timeline = buyer.getByTestId('order-timeline');
  await expect(timeline).toContainText('Accepted by the vendor');
  await expect(timeline).toContainText(`Shipment sent (DHL TRADE-${stamp}-0)`);
  await buyer.getByRole('button', { name: 'Confirm receipt' }).click();
  await expect(buyer.getByTestId('order-status')).toHaveText('delivered');
  const [download] = await Promise.all([
    buyer.waitForEvent('download'),
    buyer.getByTestId('invoice-pdf').click(),
  ]);
  expect(
    readFileSync((await download.path()) as string)
      .subarray(0, 5)
      .toString('latin1'),
  ).toBe('%PDF-');
  await shot(buyer, info, 'trade-buyer-order-390');

  // The operator sees both orders of the checkout.
  await operator.goto(url(HOST, `/console/orders?q=${PO}`));
  await expect(operator.locator('table tbody tr')).toHaveCount(2);
  for (const order of orders) await expect(operator.locator('table tbody')).toContainText(order.id);

  // Another company's member: the order page and the API are a 404, as if it did not exist.
  const [stranger] = await createBuyingCompany('acme', [{ role: 'buyer_admin' }]);
  const other = await newPage(browser);
  await signIn(other, stranger as { email: string; password: string });
  const page404 = await other.goto(url(HOST, `/account/orders/${firstOrder.id}`));
  expect(page404?.status()).toBe(404);
  // Node does not resolve *.localhost as browsers do: the API is called on 127.0.0.1 with the
  // marketplace's name in the Host header, which is what the platform resolves tenants by.
  const api = await request.newContext();
  const call = (host: string, path: string, token?: string, data?: unknown) =>
    api.fetch(url('127.0.0.1', path), {
      method: data === undefined ? 'GET' : 'POST',
      headers: {
        host: `${host}:${new URL(url(host)).port}`,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(data === undefined ? {} : { data }),
    });
  const login = async (host: string, who: { email: string; password: string }) =>
    ((await (await call(host, '/api/v1/auth/login', undefined, who)).json()) as { token: string }).token;
  const strangerToken = await login(HOST, stranger as { email: string; password: string });
  expect((await call(HOST, `/api/v1/orders/${firstOrder.id}`, strangerToken)).status()).toBe(404);
  expect((await call(HOST, `/api/v1/orders/${firstOrder.id}`, await login(HOST, MEMBER))).status()).toBe(200);

  // Another marketplace's buyer token is not a token here at all.
  const [globexBuyer] = await createBuyingCompany('globex', [{ role: 'buyer_admin' }]);
  const globexToken = await login('globex.localhost', globexBuyer as { email: string; password: string });
  for (const path of [`/api/v1/orders/${firstOrder.id}`, '/api/v1/orders', '/api/v1/cart'])
    expect((await call(HOST, path, globexToken)).status(), path).toBe(401);
  await api.dispose();
});
