import { expect, test } from '@playwright/test';
import { url } from './fixtures.js';

test('the owner invites an operator from the team page and removes them again', async ({ page }) => {
  page.on('dialog', (d) => d.accept());
  await page.goto(url('acme.localhost', '/console/login'));
  await page.getByLabel('Email').fill('owner@acme.test');
  await page.getByLabel('Password').fill('acme-owner-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
  await page.goto(url('acme.localhost', '/console/team'));
  await expect(page.getByRole('heading', { name: 'Team', exact: true })).toBeVisible();
  await page.getByLabel('Email').fill('new-op@acme.test');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText('Invitation sent to new-op@acme.test.')).toBeVisible();
  const row = page.getByRole('row', { name: /new-op@acme.test/ });
  await expect(row).toContainText('operator');
  // The owner's own row has no Remove button.
  await expect(page.getByRole('row', { name: /owner@acme.test/ }).getByRole('button')).toHaveCount(0);
  await row.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByText('new-op@acme.test no longer has access.')).toBeVisible();
});
