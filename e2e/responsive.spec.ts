import type { TestInfo } from '@playwright/test';
import { expect, type Page, test } from '@playwright/test';
import { consoleLogin, platform, STAFF, url } from './fixtures.js';

// Every storefront and console page at a phone's width (390 px) and a desktop's (1280 px): the
// page never scrolls sideways, and its key elements are on screen. Screenshots of each are
// attached to the report (and kept in test-results/e2e) for a human look.

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

/** The document is no wider than the viewport: nothing scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${what}: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`).toBeLessThanOrEqual(
    clientWidth,
  );
}

/** Screenshots of the first screen and of the whole page, attached to the report. */
async function shot(page: Page, info: TestInfo, name: string) {
  for (const [suffix, fullPage] of [
    ['', false],
    ['-full', true],
  ] as const) {
    const path = info.outputPath(`${name}${suffix}.png`);
    await page.screenshot({ path, fullPage });
    await info.attach(`${name}${suffix}`, { path, contentType: 'image/png' });
  }
}

/** The first link on the page whose address starts with `prefix`. */
async function firstHref(page: Page, prefix: string): Promise<string> {
  const href = await page.locator(`a[href^="${prefix}"]`).first().getAttribute('href');
  if (!href) throw new Error(`no link to ${prefix}`);
  return href;
}

for (const size of SIZES) {
  test.describe(`at ${size.width} px`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    for (const host of ['acme.localhost', 'globex.localhost']) {
      test(`storefront pages of ${host}`, async ({ page }, info) => {
        const tag = `${host.split('.')[0]}-${size.name}`;
        const check = async (path: string, name: string, visible: string[]) => {
          await page.goto(url(host, path));
          for (const selector of visible) await expect(page.locator(selector).first()).toBeVisible();
          await expectNoSidewaysScroll(page, `${host}${path}`);
          await shot(page, info, `${tag}-${name}`);
        };

        // The header: brand and search always; the links directly on a desktop, behind a menu on a phone.
        await check('/', 'home', [
          '.brand',
          '.header-search input',
          '.hero-search input',
          '.hero-search button',
        ]);
        if (host === 'globex.localhost') {
          // Globex's branding font is packaged and served by the app itself, and it is in use.
          const loaded = await page.evaluate(async () => {
            await document.fonts.ready;
            return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family);
          });
          expect(loaded).toContain('Gelasio');
          expect(await page.locator('body').evaluate((b) => getComputedStyle(b).fontFamily)).toMatch(
            /^Gelasio/,
          );
        }
        const nav = page.getByRole('navigation', { name: 'Main' });
        if (size.name === 'phone') {
          await expect(nav).toBeHidden();
          const header = await page.locator('.site-header').boundingBox();
          expect(header?.height, 'two short header rows').toBeLessThan(140);
          await page.getByRole('button', { name: 'Menu' }).click();
          await expect(nav.getByRole('link', { name: 'Vendors' })).toBeVisible();
          await shot(page, info, `${tag}-menu-open`);
          await nav.getByRole('link', { name: 'Vendors' }).click();
          await expect(page.getByRole('heading', { name: 'Vendors' })).toBeVisible();
          await expect(nav, 'the menu closes after navigating').toBeHidden();
        } else {
          await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
          await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();
        }

        await page.goto(url(host, '/'));
        const product = await firstHref(page, '/products/');
        const category = await firstHref(page, '/categories/');
        await check('/search', 'search', ['.search-bar input', '.product-card']);
        await check('/search?q=zzzzqqq', 'search-empty', ['.search-bar input', '.empty-state']);
        await check(product, 'product', ['[data-testid="product-title"]', '[data-testid="list-price"]']);
        // On a phone the price is on the first screen, not far below the images.
        const price = await page.getByTestId('list-price').boundingBox();
        expect(price?.y, 'list price within the first screen').toBeLessThan(size.height);
        await check(category, 'category', ['h1', '.product-card']);
        await check('/vendors', 'vendors', ['.vendor-card']);
        const vendor = await firstHref(page, '/vendors/ven_');
        await check(vendor, 'vendor', ['h1']);
        await check('/sell', 'sell', ['form input[name="businessName"]', 'button[type="submit"]']);
        await check('/no-such-page', 'not-found', ['h1']);
        await check('/console/login', 'sign-in', ['input[name="email"]', 'button[type="submit"]']);
        await check('/console/forgot-password', 'forgot-password', ['input[name="email"]']);
      });
    }

    test('operator console pages', async ({ page }, info) => {
      const tag = `operator-${size.name}`;
      // Globex's owner: operator.spec changes Acme's owner password.
      await consoleLogin(page, 'globex.localhost', 'owner@globex.test', 'globex-owner-demo');
      const check = async (path: string, name: string, visible: string[] = ['h1']) => {
        await page.goto(url('globex.localhost', path));
        for (const selector of visible) await expect(page.locator(selector).first()).toBeVisible();
        await expectNoSidewaysScroll(page, path);
        await shot(page, info, `${tag}-${name}`);
      };
      await check('/console', 'overview');
      const nav = page.getByRole('navigation', { name: 'Console' });
      if (size.name === 'phone') {
        await expect(nav).toBeHidden();
        await page.getByRole('button', { name: 'Menu' }).click();
        await expect(nav.getByRole('link', { name: 'Branding' })).toBeVisible();
        await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
        await shot(page, info, `${tag}-menu-open`);
      } else {
        await expect(nav.getByRole('link', { name: 'Branding' })).toBeVisible();
      }
      await check('/console/vendors', 'vendors', ['h1', 'table']);
      const vendor = await firstHref(page, '/console/vendors/ven_');
      await check(vendor, 'vendor');
      await check('/console/companies', 'buyer companies', ['h1']);
      await check('/console/categories', 'categories');
      await check('/console/moderation', 'moderation');
      await check('/console/settings', 'settings');
      await check('/console/orders', 'orders', ['h1', 'table']);
      const order = await firstHref(page, '/console/orders/ord_');
      await check(order, 'order');
      await check('/console/branding', 'branding', ['h1', '[data-testid="preview"] .brand']);
      await check('/console/team', 'team');
      await check('/console/domains', 'domains', ['h1', 'input[name="domain"]']);
      await check('/console/revenue?from=2020-01-01', 'revenue', ['h1', '.chart svg']);
      await check('/console/receivables', 'receivables');
      await check('/console/payables', 'payables');
    });

    test('vendor console pages', async ({ page }, info) => {
      const tag = `vendor-${size.name}`;
      await consoleLogin(page, 'acme.localhost', 'sales@rhein-hydraulik.test', 'vendor-demo-pass');
      const check = async (path: string, name: string, visible: string[] = ['h1']) => {
        await page.goto(url('acme.localhost', path));
        for (const selector of visible) await expect(page.locator(selector).first()).toBeVisible();
        await expectNoSidewaysScroll(page, path);
        await shot(page, info, `${tag}-${name}`);
      };
      await check('/console', 'overview');
      await check('/console/products', 'products', ['h1', 'table']);
      const product = await firstHref(page, '/console/products/prd_');
      await check(product, 'product');
      await check(`${product}/images`, 'product-images');
      await check('/console/products/import', 'import');
      await check('/console/vendor-profile', 'profile');
      await check('/console/vendor-team', 'team');
      await check('/console/balance', 'balance');
    });

    test('staff console pages', async ({ page }, info) => {
      const tag = `staff-${size.name}`;
      await page.goto(platform('/login'));
      await expectNoSidewaysScroll(page, '/login');
      await shot(page, info, `${tag}-login`);
      await page.getByLabel('Email').fill(STAFF.email);
      await page.getByLabel('Password').fill(STAFF.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('heading', { name: 'Tenants' })).toBeVisible();
      await expectNoSidewaysScroll(page, '/');
      await shot(page, info, `${tag}-tenants`);
      const tenant = await firstHref(page, '/tenants/ten_');
      for (const [path, name] of [
        [tenant, 'tenant'],
        ['/tenants/new', 'new-tenant'],
      ] as const) {
        await page.goto(platform(path));
        await expect(page.locator('h1')).toBeVisible();
        await expectNoSidewaysScroll(page, path);
        await shot(page, info, `${tag}-${name}`);
      }
    });
  });
}
