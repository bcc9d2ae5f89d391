import { expect, test } from '@playwright/test';
import { consoleLogin, shot, url } from './fixtures.js';

const ACME = 'acme.localhost';
/** Demo vendors sign in as `sales@<name in kebab case>.test` (seed-demo-catalog). */
const vendorEmail = (name: string) => `sales@${name.toLowerCase().replace(/[^a-z]+/g, '-')}.test`;

// The demo marketplace has a buyer company with orders on the books (seed-demo-ledger): the
// first checkout delivered, one order cancelled, the others placed.
test('the operator records a buyer payment and a vendor payout; the vendor sees balance and statement', async ({
  page,
}, info) => {
  await consoleLogin(page, ACME, 'owner@acme.test', 'acme-owner-demo');

  // Receivables: the company owes its open orders; record one bank transfer for all of them.
  await page.goto(url(ACME, '/console/receivables'));
  const company = page.getByRole('region', { name: 'Nordwerk Bau GmbH' });
  await expect(company.getByText(/Owes/)).toBeVisible();
  await expect(company.getByText('overdue').first()).toBeVisible(); // placed 45 days ago, net 30
  await company.getByLabel('Bank reference').fill('NORDWERK-TRANSFER-1');
  await shot(page, info, 'receivables');
  await company.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByText('Payment recorded.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Nordwerk Bau GmbH' }).getByText('Owes €0.00')).toBeVisible();

  // A wrong amount is refused under its field, nothing recorded (validation from the contracts).
  await page.goto(url(ACME, '/console/payables'));
  const vendorCard = page
    .locator('section.card', { has: page.getByRole('button', { name: 'Record payout' }) })
    .first();
  const vendorName = ((await vendorCard.getByRole('heading').textContent()) ?? '').replace(/EUR$/, '').trim();
  const available = (await vendorCard.locator('[data-testid^="available-"]').textContent()) ?? '';
  await vendorCard.getByLabel(/Amount paid/).fill('999999.00');
  await vendorCard.getByLabel('Bank reference').fill('PAYOUT-RUN-1');
  await vendorCard.getByRole('button', { name: 'Record payout' }).click();
  await expect(page.getByTestId('errors-amount')).toContainText('available balance');

  // The available amount, as prefilled, is paid out.
  const card = page.getByRole('region', { name: vendorName });
  await card.getByLabel(/Amount paid/).fill(available.replace(/[^0-9.]/g, ''));
  await card.getByLabel('Bank reference').fill('PAYOUT-RUN-1');
  await card.getByRole('button', { name: 'Record payout' }).click();
  await expect(page.getByText('Payout recorded.')).toBeVisible();
  await expect(page.getByRole('region', { name: vendorName }).locator('[data-testid^="paid-"]')).toHaveText(
    available,
  );
  await shot(page, info, 'payables');

  // The revenue dashboard renders its charts on the server.
  await page.goto(url(ACME, '/console/revenue?from=2020-01-01'));
  await expect(page.getByRole('heading', { name: 'Revenue' })).toBeVisible();
  await expect(page.getByRole('img', { name: /to/ })).toBeVisible();

  // The vendor: balance cards, the statement with its orders and the payout, the CSV.
  await page.context().clearCookies();
  await consoleLogin(page, ACME, vendorEmail(vendorName), 'vendor-demo-pass');
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Balance' }).click();
  await expect(page.getByTestId('paid-EUR')).toHaveText(available);
  await expect(page.getByTestId('available-EUR')).toHaveText('€0.00');
  const rows = page.locator('table tbody tr');
  await expect(rows.filter({ hasText: 'Payout' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Order placed' }).first()).toContainText('ord_');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const csv = await (await download).createReadStream();
  let text = '';
  for await (const chunk of csv) text += chunk;
  expect(text.split('\n')[0]).toBe(
    'entry_id,occurred_at,kind,reference,order_id,order_status,currency,amount_minor,commission_minor',
  );
  expect(text).toContain('PAYOUT-RUN-1');

  // 390 px wide: the page fits, the statement scrolls inside itself.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, info, 'vendor-balance-390');
});
