import type { SearchQuery, TenantApi } from '@agora/api-client';
import { SEARCH_ADDRESS_PARAMS, SearchQueryParams } from '@agora/contracts';
import { PAGE_SIZE, pageCount } from './catalog-search.js';
import type { RefusedParam } from './refused-params.js';

type AddressParam = (typeof SEARCH_ADDRESS_PARAMS)[number];

/** What this needs of a zod schema (the storefront does not depend on zod itself). */
type Schema = {
  safeParse(
    value: unknown,
  ): { success: true } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
};

/** The search API query a listing page's address asks for (filters, sort, page). */
export function searchQueryFrom(url: URL): SearchQuery {
  const query: SearchQuery = { limit: PAGE_SIZE };
  for (const k of SEARCH_ADDRESS_PARAMS) {
    const v = url.searchParams.get(k);
    if (v !== null && v !== '') query[k] = v;
  }
  return query;
}

/**
 * `query` without the address parameters that `schema` (the API's own) refuses, and each refused
 * one with the reason. The rule for every storefront listing: a parameter from the address that
 * is not valid is left out, the page renders as if it were absent (status 200) and says which
 * one and why; the page's links and forms are built without it. Checked here with the API's
 * schema (its cross-field rules included), so the API is asked once. Only `fromAddress` keys are
 * ever left out: anything else refused (a value the page itself chose) stays for the API to
 * refuse, as the bug it is.
 */
export function withoutInvalidParams<Q extends Record<string, unknown>>(
  schema: Schema,
  query: Q,
  fromAddress: readonly (keyof Q & string)[],
): { query: Partial<Q>; refused: RefusedParam[] } {
  const current: Record<string, unknown> = { ...query };
  const refused: RefusedParam[] = [];
  // Each round drops at least one parameter, so this ends; a later round can find more when a
  // rule across parameters (priceMin <= priceMax) only runs once each one is valid.
  for (;;) {
    const result = schema.safeParse(current);
    if (result.success) break;
    let dropped = false;
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? '');
      const value = current[name];
      if (!fromAddress.includes(name) || value === undefined || value === '') continue;
      refused.push({ name, value: String(value), message: issue.message });
      delete current[name];
      dropped = true;
    }
    if (!dropped) break;
  }
  return { query: current as Partial<Q>, refused };
}

/**
 * One page of a catalog listing for the loaders. Parameters of `fromAddress` the search schema
 * refuses are left out and listed in `refused` (see `withoutInvalidParams`). A page number past
 * the last page, including one beyond the result window, is not a mistake in the address but
 * the end of the list: `pastEnd` is that number, with no items, and the page offers the last page.
 */
export async function loadListing(
  api: TenantApi,
  query: SearchQuery,
  fromAddress: readonly AddressParam[] = SEARCH_ADDRESS_PARAMS,
) {
  const { query: used, refused } = withoutInvalidParams(SearchQueryParams, query, fromAddress);
  const result = await api.search(used);
  const asked = /^\d+$/.test(String(query.page ?? '')) ? Number(query.page) : null;
  const pastEnd = asked !== null && result.total > 0 && asked > pageCount(result.total) ? asked : null;
  return {
    q: String(used.q ?? ''),
    result: pastEnd ? { ...result, items: [] } : result,
    page: pastEnd ?? (Number(used.page ?? 1) || 1),
    pastEnd,
    refused: pastEnd ? refused.filter((r) => r.name !== 'page') : refused,
  };
}
