import { expect, type Page, test } from '@playwright/test';
import { createBuyingCompany, type E2eMember, twoVendorsProducts } from './buyers.js';
import { latestEmail, shot, url } from './fixtures.js';

// A buyer adds from a product page and by quick order (two vendors), checks out over their
// spending limit, and their company's approver approves: two orders are placed.
const HOST = 'acme.localhost';
let buyer: E2eMember;
let approver: E2eMember;
let products: Awaited<ReturnType<typeof twoVendorsProducts>>;

test.beforeAll(async () => {
  [buyer, approver] = (await createBuyingCompany('acme', [
    { role: 'buyer_member', limitMinor: 100 },
    { role: 'buyer_approver' },
  ])) as [E2eMember, E2eMember];
  products = await twoVendorsProducts('acme');
});

async function signIn(page: Page, who: E2eMember, next: string) {
  await page.goto(url(HOST, `/account/sign-in?next=${encodeURIComponent(next)}`));
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname === next);
}

test('add to cart, quick order, checkout over the limit, approval places two orders', async ({
  page,
  browser,
}, info) => {
  const [first, second] = products;
  // Anonymous: "Add to cart" asks to sign in first and comes back to the product.
  await page.goto(url(HOST, `/products/${first.id}`));
  await expect(page.getByLabel(/^Quantity/).last()).toHaveValue(String(first.minOrderQty));
  await page.getByTestId('add-to-cart').last().click();
  await expect(page).toHaveURL(/\/account\/sign-in\?next=/);
  await page.getByLabel('Email').fill(buyer.email);
  await page.getByLabel('Password').fill(buyer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname === `/products/${first.id}`);
  await page.getByTestId('add-to-cart').last().click();
  await page.waitForURL((u) => u.pathname === '/cart');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);

  // Quick order: one good line, one unknown SKU listed by its line number.
  await page.goto(url(HOST, '/cart/quick-order'));
  await page.getByLabel('Lines').fill(`${second.sku}, ${second.minOrderQty}\nNO-SUCH-SKU, 5`);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('quick-order-result')).toContainText('Added 1 line to your cart.');
  await expect(page.getByTestId('quick-order-problems')).toContainText('No product with SKU NO-SUCH-SKU');

  await page.goto(url(HOST, '/cart'));
  await expect(page.getByTestId('cart-group')).toHaveCount(2);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, info, 'cart-390');

  await page.getByRole('link', { name: 'Check out' }).click();
  await expect(page.getByTestId('checkout-vendor')).toHaveCount(2);
  const overflowCheckout = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflowCheckout).toBeLessThanOrEqual(0);
  await shot(page, info, 'checkout-390');
  await page.getByLabel('PO number (optional)').fill('PO-E2E-1');
  await page.getByTestId('place-order').click();
  await expect(page.getByTestId('checkout-waiting')).toBeVisible();
  await expect(page.getByTestId('cart-empty')).toHaveCount(0);

  // The approver is asked by email, and approves in their own session.
  const mail = await latestEmail(page, approver.email, /Approval needed/);
  expect(mail.text).toContain('/account/approvals/');
  const other = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const approverPage = await other.newPage();
  await signIn(approverPage, approver, '/account/approvals');
  await approverPage.getByTestId('checkout-row').first().getByRole('link').click();
  await shot(approverPage, info, 'approval-390');
  await approverPage.getByTestId('approve').click();
  await expect(approverPage.getByTestId('placed-order')).toHaveCount(2);
  await other.close();

  await page.goto(url(HOST, '/account/checkouts?status=placed'));
  await expect(page.getByTestId('checkout-row')).toHaveCount(1);
  const confirmation = await latestEmail(page, buyer.email, /approved and placed/);
  expect(confirmation.text).toMatch(/order ord_/);
});
