import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { staffNav } from '../lib/nav.js';
import { requireStaff } from '../lib/session.server.js';
import { Shell, StatusBadge } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Tenants · Agora' }];

const STATUSES = ['provisioning', 'active', 'suspended', 'failed'];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, staff } = await requireStaff(request, context);
  const url = new URL(request.url);
  const q = url.searchParams.get('q')?.trim() || undefined;
  const status = STATUSES.includes(url.searchParams.get('status') ?? '')
    ? (url.searchParams.get('status') as string)
    : undefined;
  const cursor = url.searchParams.get('cursor') || undefined;
  const page = await api.listTenants({ limit: 20, q, status, cursor });
  return { staff, page, q: q ?? '', status: status ?? '', paged: Boolean(cursor) };
}

export default function Tenants() {
  const { staff, page, q, status, paged } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  if (page.nextCursor) next.set('cursor', page.nextCursor);
  return (
    <Shell nav={staffNav} user={staff.email}>
      <div className="toolbar">
        <h1 style={{ flex: 1 }}>Tenants</h1>
        <Link className="button" to="/tenants/new">
          New tenant
        </Link>
      </div>
      <Form method="get" className="toolbar" role="search">
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" name="q" type="search" defaultValue={q} placeholder="Name or slug" />
        </div>
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={status}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      {page.data.length === 0 ? (
        <div className="card empty">
          {q || status
            ? 'No tenant matches these filters.'
            : 'No tenants yet. Create the first marketplace with "New tenant".'}
        </div>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Slug</th>
              <th>Status</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((t) => (
              <tr key={t.id}>
                <td>
                  <Link to={`/tenants/${t.id}`}>{t.name}</Link>
                </td>
                <td>{t.slug}</td>
                <td>
                  <StatusBadge status={t.status} />
                </td>
                <td>{new Date(t.createdAt).toLocaleDateString('en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="toolbar">
        {paged ? <Link to={`/?${new URLSearchParams({ q, status })}`}>First page</Link> : null}
        {page.nextCursor ? <Link to={`/?${next}`}>Next page →</Link> : null}
      </p>
    </Shell>
  );
}
