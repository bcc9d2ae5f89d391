import type { Page } from '@playwright/test';
import { consoleLogin, expect, latestEmail, linkIn, shot, test, url } from './fixtures.js';

// A business signs up on Globex's storefront, verifies its email, is approved by the operator,
// and its admin invites a buyer with a monthly limit, who accepts and signs in.
const HOST = 'globex.localhost';
const stamp = Date.now().toString(36);
const ADMIN = `admin-${stamp}@buyer.test`;
const MEMBER = `member-${stamp}@buyer.test`;
const COMPANY = `Buyer ${stamp} GmbH`;

async function fitsIn390(page: Page, what: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${what} at 390 px`).toBeLessThanOrEqual(clientWidth);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function fillAddress(page: Page, prefix: string, a: { line1: string; postal: string; city: string }) {
  await page.locator(`[name="${prefix}line1"]`).fill(a.line1);
  await page.locator(`[name="${prefix}postalCode"]`).fill(a.postal);
  await page.locator(`[name="${prefix}city"]`).fill(a.city);
  await page.locator(`[name="${prefix}country"]`).fill('DE');
}

test('a company signs up, is approved, and its admin invites a buyer with a monthly limit', async ({
  page,
  browser,
}, info) => {
  // The storefront's "Sign in" is the buyer sign-in, which leads to the sign-up.
  await page.goto(url(HOST, '/'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account\/sign-in/);
  await page.getByRole('link', { name: 'Create a business account' }).click();
  await expect(page.getByRole('heading', { name: 'Create a business account' })).toBeVisible();
  await fitsIn390(page, 'sign-up');

  // Sent empty: every field says what is wrong, nothing is created.
  const form = page.getByTestId('sign-up-form');
  await page.locator('[name="legalName"]').fill('X');
  await form.evaluate((f: HTMLFormElement) => {
    f.noValidate = true;
  });
  await page.getByRole('button', { name: 'Create the account' }).click();
  await expect(page.getByTestId('errors-legalName')).toContainText('at least 2 characters');
  await expect(page.getByTestId('errors-billingAddress.city')).toBeVisible();
  await expect(page.getByTestId('errors-password')).toBeVisible();

  await page.locator('[name="legalName"]').fill(COMPANY);
  await page.locator('[name="country"]').fill('DE');
  await page.locator('[name="taxId"]').fill(`DE${stamp}`);
  await fillAddress(page, 'billingAddress.', { line1: 'Hauptstr. 1', postal: '10115', city: 'Berlin' });
  await page.locator('[name="shippingAddresses.0.label"]').fill('Main warehouse');
  await fillAddress(page, 'shippingAddresses.0.address.', {
    line1: 'Hafen 2',
    postal: '20457',
    city: 'Hamburg',
  });
  await page.getByRole('button', { name: 'Add another shipping address' }).click();
  await page.locator('[name="shippingAddresses.1.label"]').fill('Site Munich');
  await fillAddress(page, 'shippingAddresses.1.address.', {
    line1: 'Weg 3',
    postal: '80331',
    city: 'München',
  });
  await page.locator('[name="name"]').fill('Anna Admin');
  await page.locator('[name="email"]').fill(ADMIN);
  await page.locator('[name="password"]').fill('buyer-password-1');
  await page.getByRole('button', { name: 'Create the account' }).click();

  await expect(page.getByTestId('welcome')).toBeVisible();
  await expect(page.getByTestId('company-status')).toHaveText('waiting for approval');
  await expect(page.getByTestId('status-note')).toContainText('waiting for approval');
  await expect(page.getByTestId('header-account')).toHaveText('Anna Admin');
  await fitsIn390(page, 'account');

  // The email link verifies the address.
  const verify = await latestEmail(page, ADMIN, /Confirm your email/);
  await page.goto(linkIn(verify, '/account/verify-email'));
  await expect(page.getByTestId('verify-result')).toHaveText('Your email address is verified.');

  // The operator approves the company from the buyer queue.
  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await consoleLogin(operator, HOST, 'owner@globex.test', 'globex-owner-demo');
  await operator.goto(url(HOST, '/console/companies?status=pending'));
  await operator.getByRole('link', { name: COMPANY }).click();
  await expect(operator.getByRole('heading', { name: COMPANY })).toBeVisible();
  await expect(operator.getByTestId('company-members')).toContainText(ADMIN);
  await operator.getByRole('button', { name: 'Approve' }).click();
  await expect(operator.getByText(`Done: ${COMPANY} is now approved.`)).toBeVisible();
  await shot(operator, info, 'operator-company');
  await operatorContext.close();
  await latestEmail(page, ADMIN, new RegExp(`${COMPANY} is approved`));

  await page.goto(url(HOST, '/account'));
  await expect(page.getByTestId('company-status')).toHaveText('approved');

  // The admin invites a buyer with a monthly limit.
  await page.goto(url(HOST, '/account/members'));
  const invite = page.getByTestId('invite-form');
  await invite.getByLabel('Email').fill(MEMBER);
  await invite.getByLabel('Role').selectOption('buyer_member');
  await invite.getByLabel(/Spending limit/).fill('2500.00');
  await invite.getByLabel('Period').selectOption('month');
  await invite.getByRole('button', { name: 'Send the invitation' }).click();
  await expect(page.getByText(`Invitation sent to ${MEMBER}.`)).toBeVisible();
  await expect(page.getByTestId(`member-${MEMBER}`)).toContainText('limit $2,500.00 per month');
  await fitsIn390(page, 'members');

  // The buyer accepts the invitation, then signs out and in again (Globex trades in US dollars).
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  const invitation = await latestEmail(member, MEMBER, /invited/);
  await member.goto(linkIn(invitation, '/account/accept-invite'));
  await member.getByLabel('Your name').fill('Ben Buyer');
  await member.getByLabel('Password').fill('member-password-1');
  await member.getByRole('button', { name: 'Activate my account' }).click();
  await expect(member.getByTestId('role')).toHaveText('Buyer');
  await expect(member.getByTestId('spending-limit')).toHaveText('$2,500.00 per month');
  await member.getByRole('button', { name: 'Sign out' }).click();
  await expect(
    member.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }),
  ).toBeVisible();
  await member.goto(url(HOST, '/account/sign-in'));
  await member.getByLabel('Email').fill(MEMBER);
  await member.getByLabel('Password').fill('member-password-1');
  await member.getByRole('button', { name: 'Sign in' }).click();
  await expect(member.getByTestId('company-status')).toHaveText('approved');
  await expect(member.getByTestId('header-account')).toHaveText('Ben Buyer');
  // A buyer is not an admin: the members page is not theirs.
  const res = await member.goto(url(HOST, '/account/members'));
  expect(res?.status()).toBe(403);
  await memberContext.close();
});
