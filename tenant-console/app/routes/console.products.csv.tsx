import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireTenantUser } from '../lib/session.server.js';

/** CSV downloads for the signed-in vendor: `?kind=template` or `?kind=export`. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  const kind = new URL(request.url).searchParams.get('kind') === 'export' ? 'export' : 'template';
  const csv = kind === 'export' ? await api.exportCsv() : await api.csvTemplate();
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${kind === 'export' ? 'products' : 'products-template'}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
