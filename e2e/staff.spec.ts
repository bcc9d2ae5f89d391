import { expect, test } from '@playwright/test';
import { platform, rgb, shot, staffLogin, url } from './fixtures.js';

test('staff creates a tenant, watches provisioning finish, and opens its storefront', async ({
  page,
}, info) => {
  await staffLogin(page);
  await shot(page, info, 'staff-tenants');
  // The demo tenants are listed.
  await expect(page.getByRole('link', { name: 'Acme Industrial Supply' })).toBeVisible();

  await page.getByRole('link', { name: 'New tenant' }).first().click();
  await page.getByLabel('Marketplace name').fill('Initech Components');
  await page.getByLabel('Slug').fill('initech');
  await page.getByLabel('Owner email').fill('owner@initech.test');
  await shot(page, info, 'staff-new-tenant');
  await page.getByRole('button', { name: 'Create tenant' }).click();

  await expect(page.getByRole('heading', { name: /Initech Components/ })).toBeVisible();
  // Steps update live until the tenant is active.
  await expect(page.locator('h1 .badge')).toHaveText('active', { timeout: 30_000 });
  await expect(page.getByTestId('steps').locator('.badge-done')).toHaveCount(5);
  await shot(page, info, 'staff-tenant-active');

  await page.getByRole('link', { name: 'initech.localhost' }).click();
  await expect(page).toHaveURL(url('initech.localhost', '/'));
  await expect(page.getByTestId('hero-title')).toHaveText('Initech Components');
  await expect(page.locator('.hero')).toHaveCSS('background-color', rgb('#1f4f8b'));
  await shot(page, info, 'storefront-initech');
});

test('staff sees validation errors by field and a taken slug', async ({ page }) => {
  await staffLogin(page);
  await page.goto(platform('/tenants/new'));
  await page.getByLabel('Marketplace name').fill('Dup');
  await page.getByLabel('Slug').fill('acme');
  await page.getByLabel('Owner email').fill('x@dup.test');
  await page.getByRole('button', { name: 'Create tenant' }).click();
  await expect(page.getByRole('alert').first()).toContainText('already taken');
  await page.getByLabel('Slug').fill('Bad Slug!');
  await page.getByRole('button', { name: 'Create tenant' }).click();
  await expect(page.locator('#f-slug-error')).toContainText('lowercase');
});

test('staff suspends a tenant after confirming; its storefront shows it is unavailable; resume restores it', async ({
  page,
}, info) => {
  await staffLogin(page);
  await page.getByLabel('Search').fill('globex');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('link', { name: 'Globex Packaging' }).click();
  await page.getByRole('link', { name: 'Suspend…' }).click();
  await expect(page.getByRole('heading', { name: 'Suspend Globex Packaging?' })).toBeVisible();
  // A reason past 500 characters is refused under its field, the text kept, nothing changed.
  await page.getByLabel('Reason').fill('x'.repeat(501));
  await page.getByRole('button', { name: 'Suspend Globex Packaging' }).click();
  await expect(page.getByTestId('errors-reason')).toBeVisible();
  await expect(page.getByLabel('Reason')).toHaveValue('x'.repeat(501));
  await page.getByLabel('Reason').fill('e2e test');
  await page.getByRole('button', { name: 'Suspend Globex Packaging' }).click();
  await expect(page.locator('h1 .badge')).toHaveText('suspended');

  const shopper = await page.context().newPage();
  const res = await shopper.goto(url('globex.localhost', '/'));
  expect(res?.status()).toBe(503);
  await expect(shopper.getByRole('heading', { name: 'Marketplace unavailable' })).toBeVisible();
  await expect(shopper.locator('body')).not.toContainText('Globex');
  await shot(shopper, info, 'storefront-suspended');

  await page.getByRole('link', { name: 'Resume…' }).click();
  await page.getByRole('button', { name: 'Resume Globex Packaging' }).click();
  await expect(page.locator('h1 .badge')).toHaveText('active');
  const back = await shopper.goto(url('globex.localhost', '/'));
  expect(back?.status()).toBe(200);
});

test('an unknown host gets a plain "no marketplace" page', async ({ page }, info) => {
  const res = await page.goto(url('no-such-shop.localhost', '/'));
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'No marketplace at this address' })).toBeVisible();
  await shot(page, info, 'unknown-host');
});
