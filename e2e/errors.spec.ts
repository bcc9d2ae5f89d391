import { expect, test } from '@playwright/test';
import { consoleLogin, url } from './fixtures.js';

const ACME = 'acme.localhost';

test('a production build serves no benchmark route: /bare is the storefront 404', async ({ page }) => {
  const res = await page.goto(url(ACME, '/bare'));
  expect(res?.status()).toBe(404);
  await expect(page.getByText('Static text.')).toHaveCount(0);
});

test('an operator who opens a vendor page gets the "not allowed" page, with the way back', async ({
  page,
}) => {
  await consoleLogin(page, ACME, 'owner@acme.test', 'acme-owner-demo');
  const res = await page.goto(url(ACME, '/console/products'));
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(
    page.getByText(/Your account cannot open this page: only vendor users may do this/),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Back to your dashboard' }).click();
  await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
});
