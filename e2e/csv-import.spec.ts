import { expect, test } from '@playwright/test';
import { consoleLogin, shot, url } from './fixtures.js';

const ACME = 'acme.localhost';
const HEADER =
  'sku,title,description,category_slug,unit,min_order_qty,order_increment,lead_time_days,stock_qty,currency,base_price,tiers,attributes,status';

test('a vendor imports a CSV: the good row is created, the bad row is reported and changes nothing; re-importing updates', async ({
  page,
}, info) => {
  await consoleLogin(page, ACME, 'sales@rhein-hydraulik.test', 'vendor-demo-pass');

  await page.goto(url(ACME, '/console/products/import'));
  // The format is described on the page, column by column.
  await page.getByText('The file format').click();
  const columns = page.getByTestId('csv-columns');
  await expect(columns.locator('tbody tr')).toHaveCount(HEADER.split(',').length);
  await expect(columns.getByRole('row', { name: /^tiers/ })).toContainText('min_qty:unit_price');

  const sku = `E2E-CSV-${Date.now()}`;
  const upload = async (rows: string[]) => {
    await page.locator('#f-file').setInputFiles({
      name: 'catalog.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([HEADER, ...rows].join('\n')),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
    return new URL(page.url()).searchParams.get('import');
  };
  const first = await upload([
    `${sku},Gear pump E2E,,,piece,10,,,5,EUR,120.00,10:120.00|50:110.00,,`,
    // The price rises with quantity: refused.
    `${sku}-BAD,Broken tiers,,,piece,10,,,5,EUR,120.00,10:100.00|50:110.00,,`,
  ]);
  await expect(page.getByTestId('import-summary')).toContainText(
    '2 of 2 rows · 1 created · 0 updated · 1 with errors',
  );
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  const problem = page.locator('table').filter({ hasText: 'Problem' }).locator('tbody tr');
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('3'); // the header is row 1
  await expect(problem).toContainText('tiers');
  await shot(page, info, 'csv-import-report');

  // The same SKU again: an update, not a second product.
  await page.goto(url(ACME, '/console/products/import'));
  const second = await upload([
    `${sku},Gear pump E2E (revised),,,piece,10,,,5,EUR,120.00,10:120.00|50:110.00,,`,
  ]);
  await expect(page.getByTestId('import-summary')).toContainText(
    '1 of 1 rows · 0 created · 1 updated · 0 with errors',
  );

  await page.goto(url(ACME, `/console/products?q=${sku}`));
  await expect(page.locator('table tbody tr')).toHaveCount(1);
  await expect(page.locator('table tbody')).toContainText('Gear pump E2E (revised)');

  // Leaving the page loses nothing: a fresh visit lists both imports, newest first...
  await page.goto(url(ACME, '/console/products/import'));
  await expect(page.getByTestId('import-summary')).toHaveCount(0);
  const recent = page.getByRole('region', { name: 'Recent imports' }).locator('tbody tr');
  await expect(recent).toHaveCount(2);
  await expect(recent.nth(0).locator('td')).toHaveText([/ UTC$/, 'done', '1 of 1', '0', '1', '0']);
  await expect(recent.nth(1).locator('td')).toHaveText([/ UTC$/, 'done', '2 of 2', '1', '0', '1']);
  await expect(recent.nth(0).getByRole('link')).toHaveAttribute('href', new RegExp(`import=${second}$`));
  // ...and following one shows its summary again.
  await recent.nth(1).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`[?&]import=${first}$`));
  await expect(page.getByTestId('import-summary')).toContainText(
    '2 of 2 rows · 1 created · 0 updated · 1 with errors',
  );
  await expect(recent.nth(1).getByRole('link')).toHaveAttribute('aria-current', 'true');
});
