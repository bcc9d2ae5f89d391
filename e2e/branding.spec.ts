import { expect, type Page, test } from '@playwright/test';
import { consoleLogin, rgb, shot, url } from './fixtures.js';

const ACME = 'acme.localhost';
// A white logo: it must stay visible on the live header, as it is in the preview.
const WHITE_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="120" height="40" rx="6" fill="#ffffff"/></svg>',
);

/** What makes a header look as it does: the computed styles the preview must share with the site. */
const headerLook = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const s = getComputedStyle(el);
    const name = el.querySelector('.brand-name');
    const logo = el.querySelector('.brand-logo');
    return {
      background: s.backgroundColor,
      color: s.color,
      nameFont: name ? getComputedStyle(name).fontFamily : null,
      nameColor: name ? getComputedStyle(name).color : null,
      logoHeight: logo ? logo.getBoundingClientRect().height : null,
    };
  });

test('the branding preview is the live header, a white logo shows on both, and the operator writes the footer', async ({
  page,
}, info) => {
  await consoleLogin(page, ACME, 'owner@acme.test', 'acme-owner-demo');
  try {
    await page.goto(url(ACME, '/console/branding'));
    await page
      .locator('#f-logo')
      .setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: WHITE_SVG });
    await page.getByRole('button', { name: 'Upload logo' }).click();
    await expect(page.locator('[data-testid="preview"] img.brand-logo')).toBeVisible();

    await page.getByLabel('Footer text').fill('Acme Industrial Supply GmbH · Hafenstrasse 1, Hamburg');
    await page.getByLabel('Link 1 text').fill('How to sell');
    await page.getByLabel('Link 1 address').fill('/sell');
    await page.getByLabel('Link 2 text').fill('Help centre');
    await page.getByLabel('Link 2 address').fill('https://help.example/acme');
    await page.getByRole('button', { name: 'Save branding' }).click();
    await expect(page.getByLabel('Link 2 address')).toHaveValue('https://help.example/acme');
    await shot(page, info, 'branding-with-footer');
    const preview = await headerLook(page, '[data-testid="preview"] .site-header');

    // The storefront's header looks exactly like the preview: the white logo sits on the primary color.
    await page.goto(url(ACME, '/'));
    const live = await headerLook(page, '.site-header');
    expect(live).toEqual(preview);
    expect(live.background).toBe(rgb('#1f4f8b'));
    const logo = page.locator('.site-header img.brand-logo');
    await expect(logo).toBeVisible();
    expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    // The footer: the operator's text and links, as text.
    await expect(page.getByTestId('footer-text')).toHaveText(
      'Acme Industrial Supply GmbH · Hafenstrasse 1, Hamburg',
    );
    const footer = page.getByRole('navigation', { name: 'Footer' });
    await expect(footer.getByRole('link', { name: 'How to sell' })).toHaveAttribute('href', '/sell');
    const help = footer.getByRole('link', { name: 'Help centre' });
    await expect(help).toHaveAttribute('href', 'https://help.example/acme');
    await expect(help).toHaveAttribute('rel', /nofollow/);
    await shot(page, info, 'storefront-footer');

    // Markup is refused, not stored.
    await page.goto(url(ACME, '/console/branding'));
    await page.getByLabel('Footer text').fill('<b>Big sale</b>');
    await page.getByRole('button', { name: 'Save branding' }).click();
    await expect(page.locator('.has-error #f-footerText')).toBeVisible();
    await page.goto(url(ACME, '/'));
    await expect(page.getByTestId('footer-text')).toHaveText(
      'Acme Industrial Supply GmbH · Hafenstrasse 1, Hamburg',
    );
  } finally {
    // Other tests expect Acme without a logo or footer.
    await page.goto(url(ACME, '/console/branding'));
    await page.getByLabel('Footer text').fill('');
    for (const i of [1, 2]) {
      await page.getByLabel(`Link ${i} text`).fill('');
      await page.getByLabel(`Link ${i} address`).fill('');
    }
    await page.getByRole('button', { name: 'Save branding' }).click();
    await expect(page.getByLabel('Footer text')).toHaveValue('');
    const remove = page.getByRole('button', { name: 'Remove logo' });
    if (await remove.isVisible()) {
      await remove.click();
      await expect(page.locator('[data-testid="preview"] img.brand-logo')).toHaveCount(0);
    }
  }
});
