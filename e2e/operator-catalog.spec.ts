import { expect, type Page, test } from '@playwright/test';
import { consoleLogin, shot, url } from './fixtures.js';

const ACME = 'acme.localhost';
const MODERATE = 'Review products before they are published';

async function setModeration(page: Page, on: boolean) {
  await page.goto(url(ACME, '/console/settings'));
  await page.getByLabel(MODERATE).setChecked(on);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(MODERATE)).toBeChecked({ checked: on });
}

test('the operator adds a category under Fluid power and switches product moderation on and off', async ({
  page,
}, info) => {
  await consoleLogin(page, ACME, 'owner@acme.test', 'acme-owner-demo');

  // A new category under "Fluid power" shows in the tree, under it.
  await page.getByRole('link', { name: 'Categories' }).first().click();
  const name = `Seals ${Date.now().toString(36)}`;
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Parent', { exact: true }).selectOption({ label: 'Fluid power' });
  await page.getByRole('button', { name: 'Add category' }).click();
  await expect(page.getByText(`Added ${name}.`)).toBeVisible();
  // (every row's parent select lists the new name too: match the name cell only)
  const row = page
    .getByTestId('category-row')
    .filter({ has: page.locator('.category-name').getByText(name, { exact: true }) });
  await expect(row).toBeVisible();
  await expect(row.getByLabel(`Parent of ${name}`).locator('option:checked')).toHaveText('Fluid power');
  await shot(page, info, 'operator-categories');

  // Product moderation on, then off again (other tests expect it off).
  try {
    await setModeration(page, true);
    await shot(page, info, 'operator-settings');
  } finally {
    await setModeration(page, false);
  }
});
