import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireTenantUser } from '../lib/session.server.js';

/** The signed-in vendor's statement as CSV, with the statement's filters (`from`, `to`, `currency`). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  const params = new URL(request.url).searchParams;
  const csv = await api.vendorStatementCsv({
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    currency: params.get('currency') ?? undefined,
  });
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="statement.csv"',
      'cache-control': 'no-store',
    },
  });
}
