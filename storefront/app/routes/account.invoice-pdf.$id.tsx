import { ApiError } from '@agora/api-client';
import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { requireBuyer } from '../session.server.js';

/** An order's invoice as a PDF, passed through from the API. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { api } = await requireBuyer(request, context);
  try {
    const res = await api.buyerInvoicePdf(params.id ?? '');
    return new Response(res.body, { headers: Object.fromEntries(res.headers) });
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new Response(e.message, { status: 404 });
    throw e;
  }
}
