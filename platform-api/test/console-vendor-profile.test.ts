import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, createApiHarness } from './harness.js';
import { applicationForm, newClient, VALID_APPLICATION } from './vendor-helpers.js';

// The vendor's own profile page in the tenant console, rendered by the built Remix app mounted in
// the API (`cd tenant-console && npx remix vite:build` first).
let h: ApiHarness;
const A = 'console-profile.localhost';
const EMAIL = 'admin@profile-vendor.test';
// The console's double-submit CSRF token: the same value in its cookie and in the form.
const CSRF = 'c'.repeat(43);
let token: string;

const cookie = () => `__Host-agora_session=${token}; __Host-agora_csrf=${CSRF}`;
const profilePage = () =>
  h.call(A, '/console/vendor-profile', { headers: { accept: 'text/html', cookie: cookie() } });

/** The values of the checked `industries` checkboxes, and whether any `industries` box is disabled. */
const industryBoxes = (html: string) => {
  const inputs = html.match(/<input[^>]*name="industries"[^>]*>/g) ?? [];
  return {
    all: inputs.map((input) => input.match(/value="([^"]*)"/)?.[1]),
    checked: inputs.filter((i) => i.includes('checked=""')).map((i) => i.match(/value="([^"]*)"/)?.[1]),
    types: [...new Set(inputs.map((i) => i.match(/type="([^"]*)"/)?.[1]))],
  };
};

beforeAll(async () => {
  h = await createApiHarness();
  await h.activeTenant('console-profile', 'Profile Market');
  const applied = await h.api.app.request(
    '/api/v1/vendor-applications',
    {
      method: 'POST',
      headers: { host: A },
      body: applicationForm(EMAIL, { industries: ['packaging', 'industrial-supplies'] }),
    },
    newClient(),
  );
  if (applied.status !== 201) throw new Error(`apply: ${applied.status} ${await applied.text()}`);
  const login = await h.call(A, '/api/v1/auth/login', {
    body: { email: EMAIL, password: VALID_APPLICATION.password },
  });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
  token = ((await login.json()) as { token: string }).token;
  const probe = await profilePage();
  if (probe.status === 503) throw new Error('The tenant console is not built: build it before this test.');
});
afterAll(() => h?.close());

describe('console vendor profile form', () => {
  it('offers the industries as one labelled checkbox per allowed value, the vendor’s own checked', async () => {
    const res = await profilePage();
    expect(res.status).toBe(200);
    const html = await res.text();
    const boxes = industryBoxes(html);
    expect(boxes.types).toEqual(['checkbox']);
    expect(boxes.all).toEqual([
      'industrial-supplies',
      'packaging',
      'electronics',
      'chemicals',
      'food-ingredients',
      'textiles',
      'construction',
      'office-supplies',
    ]);
    expect(boxes.checked).toEqual(['industrial-supplies', 'packaging']);
    expect(html).toMatch(/value="food-ingredients"\/>(<!-- -->)?\s*(<!-- -->)?Food ingredients<\/label>/);
    expect(html).not.toContain('Comma-separated');
  });

  it('saves the checked industries, all of them', async () => {
    const form = new FormData();
    form.append('csrf', CSRF);
    form.append('intent', 'profile');
    for (const [k, v] of Object.entries(VALID_APPLICATION)) {
      if (k !== 'password' && k !== 'industries') form.append(k, v);
    }
    form.append('contactEmail', EMAIL);
    for (const industry of ['electronics', 'textiles', 'construction']) form.append('industries', industry);
    const res = await h.api.app.request('/console/vendor-profile', {
      method: 'POST',
      headers: { host: A, cookie: cookie(), accept: 'text/html' },
      body: form,
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Profile saved.');
    expect(industryBoxes(html).checked).toEqual(['electronics', 'textiles', 'construction']);
    const profile = await h.call(A, '/api/v1/vendor/profile', { token });
    expect(((await profile.json()) as { industries: string[] }).industries).toEqual([
      'electronics',
      'textiles',
      'construction',
    ]);
  });
});
