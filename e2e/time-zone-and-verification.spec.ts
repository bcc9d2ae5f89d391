import { type Browser, expect, type Page, test } from '@playwright/test';
import { createBuyingCompany, type E2eMember, twoVendorsProducts } from './buyers.js';
import { consoleLogin, shot, url } from './fixtures.js';

// Dates and times in the marketplace's zone (the demo marketplace is Europe/Berlin), and a buyer
// whose email is not confirmed told what to do before ordering.
const ACME = 'acme.localhost';
const BUYER = { email: 'admin@northwind.acme.test', password: 'buyer-demo-pass' };
const OWNER = { email: 'owner@acme.test', password: 'acme-owner-demo' };

const freshPage = async (browser: Browser, viewport = { width: 1280, height: 900 }) =>
  (await browser.newContext({ viewport })).newPage();

async function signIn(page: Page, who: { email: string; password: string }, next = '/account') {
  await page.goto(url(ACME, `/account/sign-in?next=${encodeURIComponent(next)}`));
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname === next);
}

/** What a `<time>` should read in Berlin: "6 Dec 2026, 14:05 CET". */
const berlin = (iso: string) => {
  const d = new Date(iso);
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
  const zone = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', timeZoneName: 'short' })
    .formatToParts(d)
    .find((p) => p.type === 'timeZoneName')?.value;
  return `${text} ${zone}`;
};

async function expectBerlinTimes(page: Page, scope: string) {
  const times = page.locator(`${scope} time`);
  expect(await times.count()).toBeGreaterThan(0);
  for (const time of await times.all()) {
    const iso = (await time.getAttribute('datetime')) as string;
    await expect(time).toHaveText(berlin(iso));
  }
  await expect(page.locator(scope)).not.toContainText('UTC');
}

test('order times read in the marketplace’s zone, with its abbreviation, in the storefront and the console', async ({
  browser,
}, info) => {
  const buyer = await freshPage(browser);
  await signIn(buyer, BUYER);
  await buyer.goto(url(ACME, '/account/orders'));
  const link = buyer.locator('a[href^="/account/orders/ord_"]').first();
  const orderId = ((await link.getAttribute('href')) as string).split('/').pop() as string;
  await link.click();
  await buyer.waitForURL((u) => u.pathname.endsWith(orderId));
  await expect(buyer.locator('main')).toContainText(/placed \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} CES?T/);
  await expectBerlinTimes(buyer, '[data-testid="order-timeline"]');
  await shot(buyer, info, 'order-berlin-time');

  const operator = await freshPage(browser);
  await consoleLogin(operator, ACME, OWNER.email, OWNER.password);
  await operator.goto(url(ACME, `/console/orders/${orderId}`));
  const placed = operator.locator('dt:has-text("Placed") + dd time');
  await expect(placed).toHaveText(berlin((await placed.getAttribute('datetime')) as string));
  await expectBerlinTimes(operator, '.timeline');
});

let unverified: E2eMember;
let products: Awaited<ReturnType<typeof twoVendorsProducts>>;
test.beforeAll(async () => {
  [unverified] = (await createBuyingCompany('acme', [{ role: 'buyer_admin', unverified: true }])) as [
    E2eMember,
  ];
  products = await twoVendorsProducts('acme');
});

test('a buyer whose email is not confirmed is told on the cart and at checkout, and can ask for a new link', async ({
  page,
}, info) => {
  const [product] = products;
  await signIn(page, unverified, `/products/${product.id}`);
  await page.getByTestId('add-to-cart').last().click();
  await page.waitForURL((u) => u.pathname === '/cart');
  const notice = page.getByTestId('verify-email-notice');
  await expect(notice).toContainText(`Confirm your email address before ordering`);
  await expect(notice).toContainText(unverified.email);
  await notice.getByRole('button', { name: 'Send me a new link' }).click();
  await expect(page.getByTestId('verify-email-sent')).toHaveText(
    `A new link is on its way to ${unverified.email}. Open it within 24 hours to confirm your address.`,
  );
  await shot(page, info, 'cart-unverified');
  await page.goto(url(ACME, '/checkout'));
  await expect(page.getByTestId('verify-email-notice')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Place/ })).toHaveCount(0);
});
