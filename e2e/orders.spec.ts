import { readFileSync } from 'node:fs';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { consoleLogin, shot, url } from './fixtures.js';

// The demo data (seed-demo-orders.ts): Northwind's admin has an order still `placed`, PO-1000.
const ACME = 'acme.localhost';
const BUYER = { email: 'admin@northwind.acme.test', password: 'buyer-demo-pass' };
const OWNER = { email: 'owner@acme.test', password: 'acme-owner-demo' };

async function noSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

const freshPage = async (browser: Browser, viewport = { width: 1280, height: 900 }) =>
  (await browser.newContext({ viewport, acceptDownloads: true })).newPage();

test('a vendor accepts and ships with tracking; the buyer follows, confirms receipt, downloads the invoice; the operator exports', async ({
  browser,
}, info) => {
  // The operator finds the placed order and whose it is.
  const operator = await freshPage(browser);
  await consoleLogin(operator, ACME, OWNER.email, OWNER.password);
  await operator.goto(url(ACME, '/console/orders?status=placed&q=PO-1000'));
  const orderId = (await operator.locator('table tbody a').first().textContent()) as string;
  expect(orderId).toMatch(/^ord_\w+$/);
  await operator.goto(url(ACME, `/console/orders/${orderId}`));
  const vendorName = (await operator.locator('dt:has-text("Vendor") + dd').textContent()) as string;
  // The operator may cancel a placed order, but never accept or ship it.
  await expect(operator.getByRole('button', { name: 'Cancel order' })).toBeVisible();
  await expect(operator.getByRole('button', { name: 'Accept order' })).toHaveCount(0);

  // The vendor accepts, ships every line with a tracking number, and adds a tracking event.
  const vendor = await freshPage(browser);
  await consoleLogin(
    vendor,
    ACME,
    `sales@${vendorName.toLowerCase().replace(/[^a-z]+/g, '-')}.test`,
    'vendor-demo-pass',
  );
  await vendor.goto(url(ACME, '/console/orders'));
  await vendor.getByRole('link', { name: orderId }).click();
  await vendor.getByRole('button', { name: 'Accept order' }).click();
  await expect(vendor.getByText('Done: the order is accepted.')).toBeVisible();
  await expect(vendor.getByRole('link', { name: /\(PDF\)$/ })).toBeVisible();
  await vendor.getByLabel('Carrier').fill('DHL');
  await vendor.getByLabel('Tracking number').fill('E2E-TRACK-1');
  await vendor.getByRole('button', { name: 'Ship', exact: true }).click();
  await expect(vendor.getByText('Shipped: the buyer is emailed the tracking number.')).toBeVisible();
  await expect(vendor.getByText('Every line has shipped.')).toBeVisible();
  const tracking = vendor.getByRole('form', { name: 'Tracking for E2E-TRACK-1' });
  await tracking.getByLabel('Tracking status').selectOption('out_for_delivery');
  await tracking.getByLabel('Location').fill('Hamburg depot');
  await tracking.getByRole('button', { name: 'Add tracking event' }).click();
  await expect(vendor.getByText('Tracking event added.')).toBeVisible();
  await shot(vendor, info, 'vendor-order');

  // The buyer, on a phone: the timeline, confirm receipt, the invoice PDF.
  const buyer = await freshPage(browser, { width: 390, height: 844 });
  await buyer.goto(url(ACME, '/account/sign-in'));
  await buyer.getByLabel('Email').fill(BUYER.email);
  await buyer.getByLabel('Password').fill(BUYER.password);
  await buyer.getByRole('button', { name: 'Sign in' }).click();
  await buyer.waitForURL(/\/account$/);
  await buyer.goto(url(ACME, '/account/orders'));
  await noSidewaysScroll(buyer);
  await buyer.locator(`a[href="/account/orders/${orderId}"]`).click();
  const timeline = buyer.getByTestId('order-timeline');
  await expect(timeline).toContainText('Accepted by the vendor');
  await expect(timeline).toContainText('Shipment sent (DHL E2E-TRACK-1)');
  await expect(timeline).toContainText('out for delivery · Hamburg depot');
  await noSidewaysScroll(buyer);
  await buyer.getByRole('button', { name: 'Confirm receipt' }).click();
  await expect(buyer.getByText('Thank you: the order is marked delivered.')).toBeVisible();
  await expect(buyer.getByTestId('order-status')).toHaveText('delivered');
  const [download] = await Promise.all([
    buyer.waitForEvent('download'),
    buyer.getByTestId('invoice-pdf').click(),
  ]);
  const pdf = readFileSync((await download.path()) as string);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await shot(buyer, info, 'buyer-order-390');

  // The operator sees it delivered and exports the orders as CSV.
  await operator.goto(url(ACME, `/console/orders?q=${orderId}`));
  await expect(operator.locator('table tbody tr')).toHaveCount(1);
  await expect(operator.locator('table tbody')).toContainText('delivered');
  const [csv] = await Promise.all([
    operator.waitForEvent('download'),
    operator.getByRole('link', { name: 'Export these orders as CSV' }).click(),
  ]);
  const text = readFileSync((await csv.path()) as string, 'utf8');
  expect(text.split('\n')[0]).toMatch(/^order_id,placed_at,status/);
  expect(text).toContain(orderId);
});
