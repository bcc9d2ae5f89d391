import type { LoaderFunctionArgs } from '@remix-run/node';
import { orderApi, orderFilters } from '../lib/orders.server.js';
import { requireTenantUser } from '../lib/session.server.js';

/** The order list's CSV (the same filters), streamed through from the API. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const res = await orderApi(api, user.role).csv(orderFilters(new URL(request.url).searchParams));
  return new Response(res.body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="orders.csv"',
      'cache-control': 'no-store',
    },
  });
}
