import { ApiError } from '@agora/api-client';
import { describe, expect, it } from 'vitest';
import { loadVendorQueue, QUEUE_PAGE_SIZE, queueHref } from './vendor-queue.js';

const empty = { data: [], nextCursor: null };

/** An API whose queue endpoint records its query and answers `answer()`. */
function fakeApi(answer: () => Promise<typeof empty>) {
  const queries: Record<string, unknown>[] = [];
  return {
    queries,
    operatorVendors: (query: Record<string, string | number | undefined> = {}) => {
      queries.push(query);
      return answer();
    },
  };
}

describe('operator vendor queue', () => {
  it('sends every filter, the applied-date range included, with the cursor and page size', async () => {
    const api = fakeApi(async () => empty);
    const params = new URLSearchParams(
      'q=nordic&status=pending&country=DE&industry=packaging&from=2025-01-01&to=2025-01-31&cursor=abc',
    );
    const result = await loadVendorQueue(api, params);
    expect(api.queries).toEqual([
      {
        q: 'nordic',
        status: 'pending',
        country: 'DE',
        industry: 'packaging',
        from: '2025-01-01',
        to: '2025-01-31',
        cursor: 'abc',
        limit: QUEUE_PAGE_SIZE,
      },
    ]);
    expect(result).toEqual({
      filters: expect.objectContaining({ from: '2025-01-01' }),
      page: empty,
      error: null,
    });
  });

  it('keeps the filters, dates included, in the next-page link and leaves empty ones out', () => {
    const filters = {
      q: '',
      status: 'pending',
      country: '',
      industry: '',
      from: '2025-01-01',
      to: '2025-01-31',
    };
    expect(queueHref(filters, 'c2')).toBe(
      '/console/vendors?status=pending&from=2025-01-01&to=2025-01-31&cursor=c2',
    );
    expect(queueHref({ ...filters, status: '', from: '', to: '' })).toBe('/console/vendors');
  });

  it("shows the API's 400 for bad filters as messages by field instead of failing the page", async () => {
    const api = fakeApi(async () => {
      throw new ApiError(400, 'validation_failed', 'Invalid query: check country, from, industry', {
        fields: [
          { path: 'country', message: 'must be an ISO 3166-1 alpha-2 country code, like DE or US' },
          { path: 'from', message: 'must be a date (YYYY-MM-DD) or an ISO 8601 timestamp' },
          { path: 'industry', message: 'must be one of packaging, ...' },
        ],
      });
    });
    const result = await loadVendorQueue(api, new URLSearchParams('from=yesterday&country=XX&industry=toys'));
    expect(result).toEqual({
      filters: { q: '', status: '', country: 'XX', industry: 'toys', from: 'yesterday', to: '' },
      page: empty,
      error: {
        message: 'Invalid query: check country, from, industry',
        fields: {
          country: 'must be an ISO 3166-1 alpha-2 country code, like DE or US',
          from: 'must be a date (YYYY-MM-DD) or an ISO 8601 timestamp',
          industry: 'must be one of packaging, ...',
        },
      },
    });
  });

  it('still fails on other errors (signed out, server error)', async () => {
    for (const status of [401, 500]) {
      const api = fakeApi(async () => {
        throw new ApiError(status, 'x', `HTTP ${status}`);
      });
      await expect(loadVendorQueue(api, new URLSearchParams())).rejects.toMatchObject({ status });
    }
  });
});
