import { expect, test } from '@playwright/test';
import { consoleLogin, url } from './fixtures.js';

// Globex: the password reset test changes the Acme owner's password.
test('the owner invites an operator from the team page and removes them again', async ({ page }) => {
  page.on('dialog', (d) => d.accept());
  await consoleLogin(page, 'globex.localhost', 'owner@globex.test', 'globex-owner-demo');
  await page.goto(url('globex.localhost', '/console/team'));
  await expect(page.getByRole('heading', { name: 'Team', exact: true })).toBeVisible();
  await page.getByLabel('Email').fill('new-op@globex.test');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText('Invitation sent to new-op@globex.test.')).toBeVisible();
  const row = page.getByRole('row', { name: /new-op@globex.test/ });
  await expect(row).toContainText('operator');
  // The owner's own row has no Remove button.
  await expect(page.getByRole('row', { name: /owner@globex.test/ }).getByRole('button')).toHaveCount(0);
  await row.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByText('new-op@globex.test no longer has access.')).toBeVisible();
});
