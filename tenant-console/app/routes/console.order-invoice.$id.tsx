import { ApiError } from '@agora/api-client';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { orderApi } from '../lib/orders.server.js';
import { requireTenantUser } from '../lib/session.server.js';

/** An order's invoice PDF, passed through from the API. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  try {
    const res = await orderApi(api, user.role).invoicePdf(params.id ?? '');
    return new Response(res.body, { headers: Object.fromEntries(res.headers) });
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new Response(e.message, { status: 404 });
    throw e;
  }
}
