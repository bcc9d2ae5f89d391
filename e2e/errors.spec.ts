import { expect, test } from '@playwright/test';
import { url } from './fixtures.js';

const ACME = 'acme.localhost';

test('a production build serves no benchmark route: /bare is the storefront 404', async ({ page }) => {
  const res = await page.goto(url(ACME, '/bare'));
  expect(res?.status()).toBe(404);
  await expect(page.getByText('Static text.')).toHaveCount(0);
});
