import { expect, test } from '@playwright/test';
import { shot, url } from './fixtures.js';

const ACME = 'acme.localhost';

test('a visitor browses by category: sub-categories, sorting, pages and the way back from a product', async ({
  page,
}, info) => {
  await page.goto(url(ACME, '/'));
  await page.getByRole('link', { name: 'Fluid power', exact: true }).click();
  await expect(page).toHaveURL(/\/categories\/fluid-power$/);
  await expect(page.getByTestId('category-title')).toHaveText('Fluid power');
  const subcategories = page.getByTestId('subcategories');
  await expect(subcategories.getByRole('link')).toHaveText(['Fittings', 'Hydraulic pumps', 'Valves']); // by position, then name
  // Everything below the category: more products than in any one of its sub-categories.
  const allCount = Number((await page.getByTestId('result-count').textContent())?.match(/\d+/)?.[0]);
  expect(allCount).toBeGreaterThan(0);
  await shot(page, info, 'category-page');
  // 24 per page: the next page holds different products.
  expect(allCount).toBeGreaterThan(24);
  const productLinks = () =>
    page.locator('.product-card > a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const firstPage = await productLinks();
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next →' }).click();
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('Page 2 of');
  const secondPage = await productLinks();
  expect(secondPage.length).toBeGreaterThan(0);
  expect(secondPage.filter((href) => firstPage.includes(href))).toEqual([]);
  await expect(page.getByTestId('category-title')).toHaveText('Fluid power');

  await subcategories.getByRole('link', { name: 'Valves' }).click();
  await expect(page.getByTestId('category-title')).toHaveText('Valves');
  const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(breadcrumb.getByRole('link', { name: 'Fluid power' })).toHaveAttribute(
    'href',
    '/categories/fluid-power',
  );
  const valvesCount = Number((await page.getByTestId('result-count').textContent())?.match(/\d+/)?.[0]);
  expect(valvesCount).toBeGreaterThan(0);
  expect(valvesCount).toBeLessThan(allCount);
  const titles = page.locator('.product-card h3');
  for (const title of await titles.allTextContents()) expect(title).toMatch(/valve/i);

  // Cheapest first: the prices on the page never go down.
  await page.getByLabel('Sort').selectOption('price_asc');
  await page.getByRole('button', { name: 'Search' }).first().click();
  await expect(page).toHaveURL(/sort=price_asc/);
  // The address changes before React has rendered the new results, so wait for the page to follow.
  const prices = async () =>
    (await page.locator('.product-card .price').allTextContents()).map((t) =>
      Number(t.replace(/[^0-9.]/g, '')),
    );
  await expect
    .poll(async () => {
      const shown = await prices();
      return shown.length > 1 && shown.every((price, i) => i === 0 || (shown[i - 1] ?? 0) <= price);
    })
    .toBe(true);

  // A product page leads back to its category.
  await titles.first().click();
  await expect(page).toHaveURL(/\/products\//);
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Valves' }).click();
  await expect(page.getByTestId('category-title')).toHaveText('Valves');
});

test('an unknown category is a friendly 404 inside the site', async ({ page }) => {
  const res = await page.goto(url(ACME, '/categories/no-such-thing'));
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Category not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Browse the whole catalog' })).toBeVisible();
});

test('storefront links navigate inside the app once hydrated; links out of the storefront load a page', async ({
  page,
}) => {
  await page.goto(url(ACME, '/search?q=pump'));
  // Hydrated: Remix's client router is up (entry.client).
  await page.waitForFunction(
    () =>
      (window as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized,
  );
  // A page load would lose this.
  await page.evaluate(() => {
    (window as { sameDocument?: boolean }).sameDocument = true;
  });
  const sameDocument = () =>
    page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument === true);

  // From a search to the whole catalog: the search box follows the address, not what was typed.
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('pump');
  await page.getByLabel('Search', { exact: true }).fill('valve'); // typed, never submitted
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
  await expect(page).toHaveURL(/\/search$/);
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('');
  await expect(page.getByTestId('result-count')).toContainText('products');
  const title = await page.locator('.product-card h3').first().textContent();
  await page.locator('.product-card > a').first().click();
  await expect(page).toHaveURL(/\/products\//);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title ?? '');
  expect(await sameDocument()).toBe(true);

  // "Sign in" is the buyer sign-in, a storefront page (not the console, issue 12).
  await page.getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account\/sign-in/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(await sameDocument()).toBe(true);
});

test('a visitor narrows a search to a unit price range at a quantity', async ({ page }) => {
  await page.goto(url(ACME, '/search?sort=price_asc'));
  const prices = async () =>
    (await page.locator('.product-card .price .money').allTextContents()).map((t) =>
      Number(t.replace(/[^0-9.]/g, '')),
    );
  const all = await prices();
  expect(all.length).toBeGreaterThan(10);
  const [from, to] = [all[3] as number, all[10] as number];

  const form = page.getByRole('form', { name: 'Price' });
  await form.getByLabel(/^From/).fill(String(from));
  await form.getByLabel(/^To/).fill(String(to));
  await form.getByLabel('Per unit when buying').fill('1000');
  await form.getByRole('button', { name: 'Apply' }).click();
  // The address keeps minor units; the form shows what was typed.
  await expect(page).toHaveURL(/priceMin=\d+&priceMax=\d+/);
  await expect(page).toHaveURL(/qty=1000/);
  await expect(form.getByLabel(/^From/)).toHaveValue(from.toFixed(2));
  const inRange = await prices();
  expect(inRange.length).toBeGreaterThan(0);
  for (const p of inRange) {
    expect(p).toBeGreaterThanOrEqual(from);
    expect(p).toBeLessThanOrEqual(to);
  }
  await form.getByRole('link', { name: 'Any price' }).click();
  await expect(page).not.toHaveURL(/priceMin/);
});

test('a visitor who mistypes is told which word was left out and offered the corrected search', async ({
  page,
}) => {
  await page.goto(url(ACME, '/search?q=hydraulic+pmp'));
  const notice = page.getByTestId('search-spelling');
  await expect(notice).toContainText('No results for pmp; showing hydraulic.');
  await expect(page.getByTestId('result-count')).not.toContainText('No products');
  await notice.getByRole('link', { name: 'hydraulic pump' }).click();
  await expect(page).toHaveURL(/[?&]q=hydraulic\+pump/);
  await expect(page.getByTestId('search-spelling')).toHaveCount(0);

  // Letters swapped: the results are already for the corrected words.
  await page.goto(url(ACME, '/search?q=hydrualic+pmup'));
  await expect(page.getByTestId('result-count')).not.toContainText('No products');
  await expect(
    page.getByTestId('search-spelling').getByRole('link', { name: 'hydraulic pump' }),
  ).toBeVisible();
});
