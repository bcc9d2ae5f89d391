import { startTestDnsServer, type TestDnsServer } from '@agora/testing/dns-server';
import { freePort, startCaddy, which } from '@agora/testing/tls-proxy';
import { consoleLogin, expect, port, shot, test, url } from './fixtures.js';

// An operator adds their own domain in the console, creates the DNS records it asks for (on a
// real DNS server on loopback, the one the platform's checks ask: AGORA_DNS_SERVERS from
// global-setup), checks it, signs in to the console on it, makes it primary and goes back.
// Chromium resolves the custom domain to 127.0.0.1 by a host resolver rule, as DNS would. On the
// custom domain the browser goes through a real Caddy with on-demand TLS (`tls internal`), as in
// production: the console's cookies are `__Host-` (Secure), which browsers keep over plain HTTP
// only on localhost names. Without Caddy that part is skipped.

const DOMAIN = 'shop.globex-e2e.test';
const GLOBEX = 'globex.localhost';
const OWNER = { email: 'owner@globex.test', password: 'globex-owner-demo' };

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || undefined,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=MAP ${DOMAIN} 127.0.0.1`,
    ],
  },
  ignoreHTTPSErrors: true, // Caddy's internal CA is not in Chromium's trust store
});

const CADDY = which('caddy');

let dns: TestDnsServer;
let caddy: Awaited<ReturnType<typeof startCaddy>> | undefined;
let httpsPort = 0;
test.beforeAll(async () => {
  dns = await startTestDnsServer({ port: Number(process.env.AGORA_E2E_DNS_PORT) });
  if (CADDY) {
    httpsPort = await freePort();
    caddy = await startCaddy({ apiPort: port(), httpPort: await freePort(), httpsPort });
  }
});
test.afterAll(async () => {
  await caddy?.close();
  await dns?.close();
});

test('an operator verifies their own domain, signs in there, and makes it primary', async ({
  page,
}, info) => {
  await consoleLogin(page, GLOBEX, OWNER.email, OWNER.password);
  await page.getByRole('link', { name: 'Domains' }).first().click();
  await expect(page.getByRole('heading', { name: 'Domains', level: 1 })).toBeVisible();

  // A name that is not a hostname is refused next to the field, with what was typed kept.
  await page.getByLabel('Domain').fill('https://shop.globex-e2e.test/');
  await page.getByRole('button', { name: 'Add domain' }).click();
  await expect(page.locator('#f-domain-error')).toContainText('hostname');
  await expect(page.getByLabel('Domain')).toHaveValue('https://shop.globex-e2e.test/');

  await page.getByLabel('Domain').fill('Shop.Globex-E2E.test');
  await page.getByRole('button', { name: 'Add domain' }).click();
  await expect(page.getByText(`${DOMAIN} was added`)).toBeVisible();
  const card = page.locator('section.card', { has: page.getByRole('heading', { name: DOMAIN }) });
  await expect(card.getByText('waiting for DNS')).toBeVisible();
  const token =
    (await card.locator('tr', { hasText: 'TXT' }).locator('td').nth(2).textContent())?.trim() ?? '';
  expect(token).toMatch(/^agora-verify-/);
  await expect(card.locator('tr', { hasText: 'CNAME' })).toContainText('platform.localhost');

  // Check before the records exist: still waiting, and the page says what it saw.
  await card.getByRole('button', { name: 'Check now' }).click();
  await expect(card.getByText(`there is no TXT record _agora.${DOMAIN}`, { exact: false })).toBeVisible();

  dns.set(`_agora.${DOMAIN}`, { txt: [token] });
  dns.set(DOMAIN, { cname: 'platform.localhost' });
  await card.getByRole('button', { name: 'Check now' }).click();
  await expect(page.getByText(`${DOMAIN} is verified.`)).toBeVisible();
  await expect(card.locator('.badge', { hasText: 'verified' })).toBeVisible();
  await expect(card.getByText(token).last()).toBeVisible();
  await shot(page, info, 'console-domains');

  // The console on the custom domain, over HTTPS (a certificate issued on the first handshake):
  // its own host-only session cookie, so sign in there.
  test.skip(!CADDY, 'no `caddy` binary: the HTTPS part is skipped (Debian: apt-get install caddy)');
  const custom = `https://${DOMAIN}:${httpsPort}`;
  await page.goto(`${custom}/console`);
  await expect(page).toHaveURL(/\/console\/login/);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
  expect(new URL(page.url()).hostname).toBe(DOMAIN);

  // Primary: the default host's pages redirect to it; then back to the default host.
  await page.goto(`${custom}/console/domains`);
  await card.getByRole('button', { name: 'Make primary' }).click();
  await expect(page.getByText(`${DOMAIN} is now the primary domain`)).toBeVisible();
  try {
    await expect
      .poll(async () => {
        await page.goto(url(GLOBEX, '/'));
        return new URL(page.url()).hostname;
      })
      .toBe(DOMAIN);
  } finally {
    await page.goto(`${custom}/console/domains`);
    await page.getByRole('button', { name: `Serve at ${GLOBEX} again` }).click();
    await expect(page.getByText('No primary domain')).toBeVisible();
    // Removed from the default host's console (where the first sign-in's session lives).
    await page.goto(url(GLOBEX, '/console/domains'));
    page.once('dialog', (d) => d.accept());
    await card.getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByText(`${DOMAIN} was removed.`)).toBeVisible();
    await expect(page.getByRole('heading', { name: DOMAIN })).toHaveCount(0);
  }
});
