import { expect, type Page, test } from '@playwright/test';
import { consoleLogin, latestEmail, linkIn, platform, rgb, shot, staffLogin, url } from './fixtures.js';

// A 1x1 PNG (red pixel).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==',
  'base64',
);

test('the invited owner sets a password, rebrands the storefront, and the other tenant is unchanged', async ({
  page,
}, info) => {
  // A new marketplace, created by staff; its owner is invited by email.
  await staffLogin(page);
  await page.goto(platform('/tenants/new'));
  await page.getByLabel('Marketplace name').fill('Umbrella Supplies');
  await page.getByLabel('Slug').fill('umbrella');
  await page.getByLabel('Owner email').fill('owner@umbrella.test');
  await page.getByRole('button', { name: 'Create tenant' }).click();
  await expect(page.locator('h1 .badge')).toHaveText('active', { timeout: 30_000 });

  const invite = await latestEmail(page, 'owner@umbrella.test', /invit/i);
  await page.goto(linkIn(invite, '/console/accept-invite'));
  await shot(page, info, 'accept-invite');
  await page.getByLabel('Your name').fill('Uma Owner');
  await page.getByLabel('New password').fill('a-strong-password-1');
  await page.getByRole('button', { name: 'Activate account' }).click();
  await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();

  await page.getByRole('link', { name: 'Branding' }).first().click();
  await page.locator('#f-primaryColor').fill('#7c3aed');
  await page.getByRole('button', { name: 'Save branding' }).click();
  await expect(page.getByText('Your storefront shows the changes now')).toBeVisible();
  await page.locator('#f-logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(page.getByText('Logo updated.')).toBeVisible();
  await shot(page, info, 'console-branding');

  await page.goto(url('umbrella.localhost', '/'));
  await expect(page.locator('.hero')).toHaveCSS('background-color', rgb('#7c3aed'));
  await expect(page.locator('img.brand-logo')).toHaveAttribute('src', /^\/media\/logo\//);
  expect(await page.locator('img.brand-logo').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await shot(page, info, 'storefront-umbrella-rebranded');

  // The demo tenants keep their own looks.
  for (const [host, color] of [
    ['acme.localhost', '#1f4f8b'],
    ['globex.localhost', '#14532d'],
  ] as const) {
    await page.goto(url(host, '/'));
    await expect(page.locator('.hero')).toHaveCSS('background-color', rgb(color));
    await expect(page.locator('img.brand-logo')).toHaveCount(0);
  }
});

test("a console session from one tenant does not log you in on another tenant's host", async ({
  page,
  context,
}) => {
  await consoleLogin(page, 'acme.localhost', 'owner@acme.test', 'acme-owner-demo');

  const session = (await context.cookies(url('acme.localhost', '/'))).find(
    (c) => c.name === '__Host-agora_session',
  );
  expect(session?.httpOnly).toBe(true);
  expect(session?.secure).toBe(true);
  // Replay Acme's cookie on Globex's host (as a stolen or copied cookie would be sent).
  const replay = await context.newPage();
  await replay.setExtraHTTPHeaders({ cookie: `${session?.name}=${session?.value}` });
  await replay.goto(url('globex.localhost', '/console'));
  await expect(replay).toHaveURL(/\/console\/login/);
  await expect(replay.getByRole('heading', { name: /Sign in to Globex/ })).toBeVisible();
  // while on its own host the same cookie works
  await page.goto(url('acme.localhost', '/console'));
  await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
});

async function resetOwnerPassword(page: Page, password: string) {
  await page.goto(url('acme.localhost', '/console/forgot-password'));
  await page.getByLabel('Email').fill('owner@acme.test');
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByText('reset link is on its way')).toBeVisible();
  const mail = await latestEmail(page, 'owner@acme.test', /reset/i);
  await page.goto(linkIn(mail, '/console/reset-password'));
  await page.getByLabel('New password').fill(password);
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
}

test('a password reset works from the emailed link', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await resetOwnerPassword(page, 'acme-new-password-1');
  // The new password signs in (in a fresh browser); then the demo password is put back, so
  // the specs after this one sign in as the demo owner whatever their order.
  const fresh = await (await browser.newContext()).newPage();
  await consoleLogin(fresh, 'acme.localhost', 'owner@acme.test', 'acme-new-password-1');
  await resetOwnerPassword(fresh, 'acme-owner-demo');
});

test('a console form posted without its CSRF token is refused and changes nothing', async ({ page }) => {
  await page.goto(url('acme.localhost', '/console/login'));
  // Hydrated: the client router took over the server-rendered page.
  await expect
    .poll(() => page.evaluate(() => Boolean((window as { __remixRouter?: unknown }).__remixRouter)))
    .toBe(true);
  const status = await page.evaluate(async () => {
    const body = new URLSearchParams({ email: 'owner@acme.test', password: 'acme-owner-demo' });
    const res = await fetch('/console/login', { method: 'POST', body, redirect: 'manual' });
    return res.status;
  });
  expect(status).toBe(403);
  await page.goto(url('acme.localhost', '/console'));
  await expect(page).toHaveURL(/\/console\/login/);
});
