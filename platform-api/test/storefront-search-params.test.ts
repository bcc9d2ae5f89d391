import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, createApiHarness } from './harness.js';

// The storefront checks a listing address's parameters with the API's own search schema
// (contracts SearchQueryParams, rules across parameters included) before it asks: the API is
// asked once, never retried to learn which parameter it refuses. Needs the built storefront.
let h: ApiHarness;
const A = 'sf-params.localhost';
const searchCalls: string[] = [];

beforeAll(async () => {
  h = await createApiHarness();
  await h.activeTenant('sf-params');
  // The storefront's loaders reach the API through the app's own fetch, in process: count the
  // search requests they make.
  const app = h.api.app;
  const fetch = app.fetch.bind(app);
  app.fetch = (request: Request, ...rest: unknown[]) => {
    const url = new URL(request.url);
    if (url.pathname === '/api/v1/search') searchCalls.push(url.search);
    return (fetch as (r: Request, ...a: unknown[]) => Response | Promise<Response>)(request, ...rest);
  };
  const probe = await h.call(A, '/search', { headers: { accept: 'text/html' } });
  if (probe.status === 503) throw new Error('The storefront is not built: build it before this test.');
});
afterAll(() => h?.close());

describe('a listing address with parameters the search schema refuses', () => {
  it.each([
    ['/search?priceMin=500&priceMax=100&qty=-1&sort=bogus', ['priceMax', 'qty', 'sort']],
    ['/search?q=saw&page=9999', ['page']],
  ])('%s asks the API once, without the refused ones, and names them', async (path, refused) => {
    searchCalls.length = 0;
    const res = await h.call(A, path, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(searchCalls).toHaveLength(1);
    const asked = new URLSearchParams(searchCalls[0]);
    for (const name of refused) {
      expect(asked.has(name), `${name} left out of the API call`).toBe(false);
      expect(html).toContain(`<code>${name}=`);
    }
  });
});
