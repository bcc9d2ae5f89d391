import { placeCheckout } from '@agora/core';
import { connectDatabase, type Database, platformTables, type TenantRef, withTenant } from '@agora/db';
import { consoleLogin, expect, shot, test, url } from './fixtures.js';

/**
 * Issue 13: the operator adds a category rule with a cap (disabled), explains it on a product,
 * simulates enabling it over past orders, enables it; a new order uses it while an order placed
 * before keeps its old commission; the vendor's balance and statement show both. Orders are
 * placed through the placement function on the server's database (checkout pages come with
 * issue 12's other half).
 */
const HOST = 'acme.localhost';
let database: Database;
let tenant: TenantRef;
let productId: string;
let moq: number;
let vendorName: string;

/** Demo vendors sign in as `sales@<name in kebab case>.test` (seed-demo-catalog). */
const vendorEmail = (name: string) => `sales@${name.toLowerCase().replace(/[^a-z]+/g, '-')}.test`;
/** Money as the console shows it (formatMoney: en-US, the marketplace's currency). */
const eur = (minor: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 }).format(
    minor / 100,
  );
/** `€1,234.56` -> 123456. */
const minorOf = (text: string | null) => Math.round(Number((text ?? '').replace(/[^0-9.-]/g, '')) * 100);

async function placeOrder(key: string) {
  await withTenant(database, tenant, ({ db, t }) =>
    db
      .insert(t.cartLines)
      .values({ userId: 'usr_e2e_buyer', productId, qty: moq, unitPriceSeenMinor: 0 })
      .onConflictDoNothing(),
  );
  const placed = await placeCheckout(database, tenant, {
    buyerUserId: 'usr_e2e_buyer',
    idempotencyKey: key,
    body: { currency: 'EUR', shippingAddressId: 'adr_e2e' },
  });
  expect(placed.status).toBe('placed');
  return placed.orderIds[0] as string;
}

/** Rows of a tenant query (plain SQL: specs do not load drizzle's helpers; values are ours). */
const rows = <T>(query: string) =>
  withTenant(database, tenant, async ({ db }) => (await db.execute(query)).rows as T[]);

/** What the order books for its vendor: goods and shipping, less the commission. */
const orderOf = async (orderId: string) =>
  (
    await rows<{ commission: string; vendorShare: string }>(
      `select commission_minor as commission, subtotal_minor + shipping_minor - commission_minor as "vendorShare"
       from "${tenant.schemaName}".orders where id = '${orderId}'`,
    )
  ).map((o) => ({ commission: Number(o.commission), vendorShare: Number(o.vendorShare) }))[0] as {
    commission: number;
    vendorShare: number;
  };

const lineOf = async (orderId: string) =>
  (
    await rows<{ amount: string; ruleId: string | null; version: number | null; cap: string; net: string }>(
      `select commission_minor as amount, commission_rule_id as "ruleId", commission_rule_version as version,
         commission_cap as cap, net_minor as net
       from "${tenant.schemaName}".order_lines where order_id = '${orderId}'`,
    )
  )[0];

test.beforeAll(async () => {
  database = await connectDatabase(process.env.AGORA_E2E_DATABASE_URL as string, { max: 2 });
  // The platform's tenants (a handful of demo ones), filtered here: specs do not load drizzle's helpers.
  const acme = (await database.platform.select().from(platformTables.tenants)).find((t) => t.slug === 'acme');
  if (!acme) throw new Error('no demo marketplace acme');
  tenant = { id: acme.id, schemaName: acme.schemaName };
  // A product in Valves that no product or vendor-and-category demo rule covers: the one with the
  // largest line at its minimum order (demo ids are random), so that 15% of it passes the €5.00 cap.
  const s = `"${tenant.schemaName}"`;
  const [p] = await rows<{ id: string; moq: number; line: string; vendor: string }>(
    `select p.id, p.min_order_qty as moq, v.name as vendor,
            coalesce(p.price_moq_minor, p.base_price_minor) * p.min_order_qty as line
       from ${s}.products p
       join ${s}.categories c on c.id = p.category_id join ${s}.vendors v on v.id = p.vendor_id
     where c.name = 'Valves' and p.status = 'published' and v.status = 'approved' and not p.track_stock
       and p.id not in (select product_id from ${s}.commission_rule_versions where product_id is not null)
       and p.vendor_id not in (select vendor_id from ${s}.commission_rule_versions where scope = 'vendor_category')
     order by line desc, p.id limit 1`,
  );
  if (!p) throw new Error('no demo product in Valves to test with');
  if (Number(p.line) * 0.15 <= 500)
    throw new Error(`the largest Valves line (${p.line}) is too small for the cap`);
  productId = p.id;
  moq = Number(p.moq);
  vendorName = p.vendor;
  await withTenant(database, tenant, async ({ db, t }) => {
    await db
      .insert(t.companies)
      .values({
        id: 'cmp_e2e',
        legalName: 'E2E Buyer GmbH',
        country: 'DE',
        taxId: 'DE-E2E',
        billingAddress: { line1: 'Street 1', city: 'Berlin', country: 'DE' },
        status: 'approved',
        paymentTerms: 'prepay',
        netDays: 0,
      })
      .onConflictDoNothing();
    await db
      .insert(t.companyAddresses)
      .values({
        id: 'adr_e2e',
        companyId: 'cmp_e2e',
        label: 'Main',
        address: { line1: 'Dock 4', city: 'Hamburg', country: 'DE' },
      })
      .onConflictDoNothing();
    await db
      .insert(t.users)
      .values({
        id: 'usr_e2e_buyer',
        email: 'buyer@e2e-commission.test',
        role: 'buyer_member',
        status: 'active',
        emailVerifiedAt: new Date(),
        companyId: 'cmp_e2e',
      })
      .onConflictDoNothing();
  });
});

test.afterAll(async () => {
  await database?.close();
});

test('operator adds a capped category rule, explains, simulates and enables it; only new orders use it', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  // The vendor's balance before either order: what is pending until delivery.
  await consoleLogin(page, HOST, vendorEmail(vendorName), 'vendor-demo-pass');
  await page.goto(url(HOST, '/console/balance'));
  await expect(page.getByRole('heading', { name: 'Balance' })).toBeVisible();
  const pending = page.getByTestId('pending-EUR');
  const pendingBefore = (await pending.count()) ? minorOf(await pending.textContent()) : 0;
  await page.context().clearCookies();

  const olderOrder = await placeOrder(`older-${Date.now()}`);
  const before = await lineOf(olderOrder);
  expect(before?.ruleId).toBeTruthy();

  await consoleLogin(page, HOST, 'owner@acme.test', 'acme-owner-demo');
  await page.goto(url(HOST, '/console/commission'));
  await expect(page.getByRole('heading', { name: 'Commission rules' })).toBeVisible();

  // A bad rate is refused under its input, nothing saved.
  await page.getByRole('link', { name: 'New rule' }).click();
  await page.getByLabel('Applies to').selectOption('category');
  await page.getByLabel('Category', { exact: true }).selectOption({ label: '— Valves' });
  await page.getByLabel('Rate (%)').fill('fifteen');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByTestId('errors-rateBps')).toContainText('percentage');

  // The rule: 15% of the line, at most €5.00, priority 5, not enabled yet.
  await page.getByLabel('Rate (%)').fill('15');
  await page.getByLabel('Maximum per line (EUR)').fill('5.00');
  await page.getByLabel('Priority').fill('5');
  await page.getByLabel('Enabled').uncheck();
  await page.getByLabel('Note').fill('Valves: 15%, at most 5.00 a line');
  // Preview on the product before saving: it would win, capped.
  await page.locator('#f-previewProductId').fill(productId);
  await page.locator('#f-previewQty').fill(String(moq));
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('commission-preview')).toContainText('This rule gives €5.00');
  await expect(page.getByTestId('commission-preview')).toContainText('capped at the maximum');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByText('Rule saved.')).toBeVisible();
  const row = page.locator('tr', { hasText: 'Category Valves' });
  await expect(row).toContainText('disabled');
  await shot(page, info, 'commission-rules');

  // Explain: the new rule is there, and says it is disabled.
  await page.goto(url(HOST, `/console/commission/explain?product=${productId}&qty=${moq}`));
  const explained = page.locator('tr', { hasText: 'Category Valves' });
  await expect(explained).toContainText('does not apply');
  await expect(explained).toContainText('disabled');
  await expect(explained.locator('..').locator('tr[data-outcome="won"]')).toHaveCount(1);

  // Simulate enabling it over the last 90 days (the older order is in there).
  await page.goto(url(HOST, '/console/commission/simulate'));
  const option = page.locator('#f-toggleRuleId option', { hasText: 'Category Valves' });
  await page.locator('#f-toggleRuleId').selectOption((await option.getAttribute('value')) as string);
  await page.getByRole('button', { name: 'Add “enable” to the draft' }).click();
  await expect(page.getByTestId('draft')).toContainText('Enable: Category Valves');
  await page.getByRole('button', { name: 'Run simulation' }).click();
  const simulation = page.getByTestId('simulation');
  await expect(simulation).toContainText('Total (EUR');
  await expect(simulation.locator('svg[role="img"]')).toBeVisible();
  await shot(page, info, 'commission-simulate');

  // Enable it from the list.
  await page.goto(url(HOST, '/console/commission'));
  await page.locator('tr', { hasText: 'Category Valves' }).getByRole('button', { name: 'Enable' }).click();
  await expect(page.getByText(/Category Valves: enabled/)).toBeVisible();

  // A new order uses it (capped at €5.00); the older order keeps what it had.
  const newerOrder = await placeOrder(`newer-${Date.now()}`);
  const newer = await lineOf(newerOrder);
  expect(newer).toMatchObject({ amount: '500', cap: 'max' });
  expect(newer?.ruleId).not.toBe(before?.ruleId);
  expect(await lineOf(olderOrder)).toEqual(before);

  // The vendor sees both: each order on its statement with its own commission (the older one
  // what it had, the newer €5.00) and what it is owed after it, and the balance moved by both.
  const older = await orderOf(olderOrder);
  const newest = await orderOf(newerOrder);
  expect(newest.commission).toBe(500);
  expect(older.commission).not.toBe(500);
  expect(older.commission).toBe(Number(before?.amount));
  await page.context().clearCookies();
  await consoleLogin(page, HOST, vendorEmail(vendorName), 'vendor-demo-pass');
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Balance' }).click();
  const statement = page.locator('table tbody tr');
  for (const [orderId, o] of [
    [olderOrder, older],
    [newerOrder, newest],
  ] as const) {
    const row = statement.filter({ hasText: orderId });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Order placed');
    await expect(row.getByTestId('entry-commission')).toHaveText(eur(o.commission));
    await expect(row.locator('td').last()).toHaveText(eur(o.vendorShare));
  }
  await expect(page.getByTestId('pending-EUR')).toHaveText(
    eur(pendingBefore + older.vendorShare + newest.vendorShare),
  );
  await shot(page, info, 'commission-vendor-balance');

  // The same page at a phone's width: nothing scrolls sideways (the statement scrolls inside).
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(statement.filter({ hasText: newerOrder }).getByTestId('entry-commission')).toHaveText(
    eur(500),
  );
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, info, 'commission-vendor-balance-390');
});

test('the commission pages fit a 390 px screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await consoleLogin(page, HOST, 'owner@acme.test', 'acme-owner-demo');
  for (const path of ['/console/commission', '/console/commission/new', '/console/commission/simulate']) {
    await page.goto(url(HOST, path));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
