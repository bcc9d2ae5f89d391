import { describe, expect, it } from 'vitest';
import { SearchParams, SearchQueryParams } from './search.js';
import { SEARCH_ADDRESS_PARAMS, SEARCH_PARAMS } from './search-params.js';

describe('the search parameters', () => {
  it('are keyed by exactly the one list of names', () => {
    expect(Object.keys(SearchQueryParams.shape).sort()).toEqual([...SEARCH_PARAMS].sort());
    expect(SEARCH_ADDRESS_PARAMS).not.toContain('limit');
  });

  it('refuse a price range upside down, naming priceMax', () => {
    const r = SearchQueryParams.safeParse({ priceMin: '500', priceMax: '100' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['priceMax']);
  });

  it('refuse a page that starts past the result window, naming page', () => {
    const r = SearchQueryParams.safeParse({ page: '43', limit: 24 });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['page']);
    expect(SearchQueryParams.safeParse({ page: '42', limit: 24 }).success).toBe(true);
  });

  it('count an empty parameter as absent in the route schema', () => {
    expect(SearchParams.parse({ priceMin: '', sort: '' })).toMatchObject({
      priceMin: undefined,
      sort: 'relevance',
    });
  });
});
