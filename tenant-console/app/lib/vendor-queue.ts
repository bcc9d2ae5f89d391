import { ApiError, type Page, type TenantApi, type VendorSummary } from '@agora/api-client';

/** The operator vendor queue's filters, as the form, the API query and the page links name them. */
export const QUEUE_FILTERS = ['q', 'status', 'country', 'industry', 'from', 'to'] as const;
export type QueueFilters = Record<(typeof QUEUE_FILTERS)[number], string>;

export const QUEUE_PAGE_SIZE = 25;

/** The filters in a queue URL; a missing one is ''. */
export function queueFilters(params: URLSearchParams): QueueFilters {
  return Object.fromEntries(QUEUE_FILTERS.map((k) => [k, params.get(k)?.trim() ?? ''])) as QueueFilters;
}

/** `/console/vendors` with these filters (empty ones left out) and, for the next page, a cursor. */
export function queueHref(filters: QueueFilters, cursor?: string | null): string {
  const query = new URLSearchParams();
  for (const k of QUEUE_FILTERS) if (filters[k]) query.set(k, filters[k]);
  if (cursor) query.set('cursor', cursor);
  const qs = query.toString();
  return qs ? `/console/vendors?${qs}` : '/console/vendors';
}

export type QueueResult = {
  filters: QueueFilters;
  page: Page<VendorSummary>;
  /** Why the filters could not be applied (the API's 400), with the message for each field. */
  error: { message: string; fields: Record<string, string> } | null;
};

/**
 * One page of the queue. Filters come from the URL, so they can be anything (a hand-edited date,
 * an unknown country): the API's 400 becomes an empty page with its field messages, not an
 * error page.
 */
export async function loadVendorQueue(
  api: Pick<TenantApi, 'operatorVendors'>,
  params: URLSearchParams,
): Promise<QueueResult> {
  const filters = queueFilters(params);
  try {
    const page = await api.operatorVendors({
      ...filters,
      cursor: params.get('cursor') ?? '',
      limit: QUEUE_PAGE_SIZE,
    });
    return { filters, page, error: null };
  } catch (e) {
    if (e instanceof ApiError && e.status === 400)
      return {
        filters,
        page: { data: [], nextCursor: null },
        error: { message: e.message, fields: e.fieldErrors },
      };
    throw e;
  }
}
