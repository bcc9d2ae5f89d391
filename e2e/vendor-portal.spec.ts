import { expect, test } from '@playwright/test';
import { consoleLogin, shot, url } from './fixtures.js';

// A 1x1 PNG (red pixel).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==',
  'base64',
);
const ACME = 'acme.localhost';

test('a vendor admin adds a product image, invites a colleague and saves the profile', async ({
  page,
}, info) => {
  await consoleLogin(page, ACME, 'sales@rhein-hydraulik.test', 'vendor-demo-pass');

  // One of its products, then its images page from the editor.
  await page.goto(url(ACME, '/console/products'));
  await page.locator('table tbody a').first().click();
  await page.getByRole('link', { name: 'Images', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Images:/ })).toBeVisible();
  const before = await page.locator('[data-testid="product-images"] tbody tr').count();
  await page.locator('#f-file').setInputFiles({ name: 'pump.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Upload image' }).click();
  await expect(page.getByText('Uploaded pump.png.')).toBeVisible();
  await expect(page.locator('[data-testid="product-images"] tbody tr')).toHaveCount(before + 1);
  await expect(page.locator('[data-testid="product-images"] img').last()).toHaveAttribute(
    'src',
    /^\/media\/products\/.+\.png$/,
  );
  // It loads, whether the product is public or not (a draft's images come with the console session).
  await expect
    .poll(() =>
      page
        .locator('[data-testid="product-images"] img')
        .last()
        .evaluate((i: HTMLImageElement) => i.naturalWidth),
    )
    .toBeGreaterThan(0);
  await shot(page, info, 'vendor-product-images');

  // The team page: invite a staff member.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Team' }).click();
  await page.getByLabel('Email').fill('staff@rhein-hydraulik.test');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText('Invitation sent to staff@rhein-hydraulik.test.')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'staff@rhein-hydraulik.test' })).toBeVisible();
  await shot(page, info, 'vendor-team');

  // The profile: approved, saved as it is.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Profile' }).click();
  await expect(page.locator('h1 .badge')).toHaveText('approved');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved.')).toBeVisible();
});
