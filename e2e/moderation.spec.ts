import { expect, type Page, test } from '@playwright/test';
import { consoleLogin, latestEmail, shot, url } from './fixtures.js';

const ACME = 'acme.localhost';
const MODERATE = 'Review products before they are published';
// A 1x1 PNG (red pixel).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==',
  'base64',
);

async function setModeration(page: Page, on: boolean) {
  await page.goto(url(ACME, '/console/settings'));
  await page.getByLabel(MODERATE).setChecked(on);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
}

test('the operator reviews a product with its images, description and tiers, and a rejection emails the vendor', async ({
  browser,
}, info) => {
  const op = await (await browser.newContext()).newPage();
  const vendor = await (await browser.newContext()).newPage();
  await consoleLogin(op, ACME, 'owner@acme.test', 'acme-owner-demo');
  try {
    await setModeration(op, true);

    // The vendor submits a product with a description, a tier and an image.
    await consoleLogin(vendor, ACME, 'sales@rhein-hydraulik.test', 'vendor-demo-pass');
    await vendor.goto(url(ACME, '/console/products/new'));
    const sku = `REV-${Date.now().toString(36)}`;
    await vendor.getByLabel('Title').fill('Review me gear pump');
    await vendor.getByLabel('SKU').fill(sku);
    await vendor.getByLabel('Description').fill('Cast iron gear pump, 12 l/min.');
    await vendor.getByLabel('Unit', { exact: true }).fill('piece');
    await vendor.getByLabel('Currency').fill('EUR');
    await vendor.getByLabel('Minimum order').fill('1');
    await vendor.getByLabel('Order increment').fill('1');
    await vendor.getByLabel('Stock').fill('5');
    await vendor.getByLabel('List price per unit').fill('100.00');
    await vendor.getByLabel('Tier 1 from quantity').fill('1');
    await vendor.getByLabel('Tier 1 unit price').fill('100.00');
    await vendor.getByLabel('Tier 2 from quantity').fill('20');
    await vendor.getByLabel('Tier 2 unit price').fill('90.00');
    await vendor.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(vendor.locator('h1 .badge')).toBeVisible();
    await vendor.getByRole('link', { name: 'Images', exact: true }).click();
    await vendor.locator('#f-file').setInputFiles({ name: 'pump.png', mimeType: 'image/png', buffer: PNG });
    await vendor.getByRole('button', { name: 'Upload image' }).click();
    await expect(vendor.getByText('Uploaded pump.png.')).toBeVisible();
    await vendor.goto(vendor.url().replace(/\/images.*$/, ''));
    await vendor.getByRole('button', { name: 'Save and publish' }).click();
    await expect(vendor.locator('h1 .badge')).toHaveText(/review/i);

    // The operator opens it from the queue and sees what it is.
    await op.goto(url(ACME, '/console/moderation'));
    await op.getByRole('link', { name: 'Review me gear pump' }).click();
    await expect(op.getByRole('heading', { name: /Review me gear pump/ })).toBeVisible();
    await expect(op.getByTestId('review-description')).toHaveText('Cast iron gear pump, 12 l/min.');
    await expect(op.getByTestId('review-tiers').locator('tbody tr')).toHaveText([
      /1\s*€100\.00/,
      /20\s*€90\.00/,
    ]);
    const image = op.getByTestId('review-images').locator('img');
    await expect(image).toHaveCount(1);
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    await shot(op, info, 'moderation-review');

    // Rejected with a reason: the vendor's contact gets it by email.
    await op.getByLabel('Reason to reject').fill('Please add a photo of the pump itself.');
    await op.getByRole('button', { name: 'Reject' }).click();
    await expect(op.getByRole('heading', { name: 'Moderation' })).toBeVisible();
    const email = await latestEmail(op, 'sales@rhein-hydraulik.test', /Review me gear pump/);
    expect(email.text).toContain('Reason: Please add a photo of the pump itself.');
  } finally {
    await setModeration(op, false);
  }
});
