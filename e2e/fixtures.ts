import { test as base, expect, type Page, type TestInfo } from '@playwright/test';

export const port = () => Number(process.env.AGORA_E2E_PORT);
export const url = (host: string, path = '/') => `http://${host}:${port()}${path}`;
export const platform = (path = '/') => url('platform.localhost', path);

export const STAFF = { email: 'admin@agora.localhost', password: 'agora-admin' };

/** Save a named screenshot into the test's output and attach it to the report. */
export async function shot(page: Page, info: TestInfo, name: string) {
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await info.attach(name, { path, contentType: 'image/png' });
}

/** Sign in to a marketplace's console and wait for the dashboard. */
export async function consoleLogin(page: Page, host: string, email: string, password: string) {
  await page.goto(url(host, '/console/login'));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
}

export async function staffLogin(page: Page) {
  await page.goto(platform('/login'));
  await page.getByLabel('Email').fill(STAFF.email);
  await page.getByLabel('Password').fill(STAFF.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Tenants' })).toBeVisible();
}

type Email = { subject: string; text: string };

/**
 * The newest email to `to` whose subject matches, read from the dev mailbox's JSON on the
 * platform host. Read in the browser: Node's own HTTP clients do not resolve *.localhost.
 */
export async function latestEmail(page: Page, to: string, subject: RegExp): Promise<Email> {
  const reader = await page.context().newPage();
  try {
    let found: Email | undefined;
    await expect
      .poll(
        async () => {
          await reader.goto(platform(`/platform/v1/dev/emails?to=${encodeURIComponent(to)}`));
          const body = JSON.parse((await reader.locator('body').textContent()) ?? '') as { data: Email[] };
          found = body.data.find((e) => subject.test(e.subject));
          return Boolean(found);
        },
        { timeout: 30_000, message: `an email to ${to} with subject ${subject}` },
      )
      .toBe(true);
    return found as Email;
  } finally {
    await reader.close();
  }
}

/** The first link in an email's text that points at `path`. */
export function linkIn(email: Email, path: string): string {
  const link = email.text.match(new RegExp(`https?://\\S+${path.replace('/', '\\/')}\\S*`))?.[0];
  if (!link) throw new Error(`no ${path} link in: ${email.text}`);
  return link;
}

/** `rgb(31, 79, 139)` for `#1f4f8b`: what getComputedStyle reports. */
export const rgb = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
};

export const test = base;
export { expect };
