import { ApiError } from '@agora/api-client';
import type { CommissionRule } from '@agora/contracts';
import { COMMISSION_SCOPE_LABELS } from '@agora/contracts/labels';
import { apiErrorReply, okReply } from '@agora/ui/forms';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ruleFormOptions } from '../lib/commission-pages.server.js';
import { ruleSummary, ruleTarget, ruleWindow } from '../lib/commission-summary.js';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Csrf, NextPage, Notice, Shell } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Commission rules' }];

const FILTERS = ['scope', 'enabled', 'vendorId', 'categoryId'] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const params = new URL(request.url).searchParams;
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<
    (typeof FILTERS)[number],
    string
  >;
  const cursor = params.get('cursor') ?? '';
  const options = await ruleFormOptions(api);
  try {
    const page = await api.commissionRules({ ...filters, cursor, limit: 50 });
    return { user, page, filters, cursor, error: null, saved: params.get('saved'), ...options };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 400) throw e;
    return {
      user,
      page: { data: [] as CommissionRule[], nextCursor: null as string | null },
      filters,
      cursor,
      error: e.message,
      saved: null,
      ...options,
    };
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
  const id = String(form.get('id') ?? '');
  const enable = form.get('intent') === 'enable';
  try {
    const rule = await api.setCommissionRuleEnabled(id, enable);
    return okReply(`${ruleTarget(rule)}: ${enable ? 'enabled' : 'disabled'} (version ${rule.version}).`);
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return apiErrorReply(e, null, 'rule');
    throw e;
  }
}

export default function CommissionRules() {
  const { user, page, filters, error, saved, vendors, categories } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const next = page.nextCursor
    ? `?${new URLSearchParams({ ...filters, cursor: page.nextCursor }).toString()}`
    : null;
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>Commission rules</h1>
      <p className="hint">
        For each order line the most specific rule wins (product, then vendor in a category, then category —
        deeper first —, then vendor, then the marketplace default), then the higher priority, then the newest.
        The commission is frozen on the order when it is placed.
      </p>
      <p className="toolbar">
        <Link to="/console/commission/new" className="button">
          New rule
        </Link>
        <Link to="/console/commission/explain">Explain a product</Link>
        <Link to="/console/commission/simulate">Simulate changes</Link>
      </p>
      {saved ? <Notice kind="success">Rule saved.</Notice> : null}
      {result ? <Notice kind={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
      {error ? <Notice kind="error">No rules shown: {error}</Notice> : null}
      <Form method="get" className="toolbar" role="search">
        <div className="field">
          <label htmlFor="scope">Applies to</label>
          <select id="scope" name="scope" defaultValue={filters.scope}>
            <option value="">Any</option>
            {Object.entries(COMMISSION_SCOPE_LABELS).map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="enabled">Enabled</label>
          <select id="enabled" name="enabled" defaultValue={filters.enabled}>
            <option value="">Any</option>
            <option value="true">Enabled</option>
            <option value="false">Disabled</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="vendorId">Vendor</label>
          <select id="vendorId" name="vendorId" defaultValue={filters.vendorId}>
            <option value="">Any</option>
            {vendors.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="categoryId">Category</label>
          <select id="categoryId" name="categoryId" defaultValue={filters.categoryId}>
            <option value="">Any</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      {page.data.length === 0 ? (
        error ? null : (
          <div className="card empty">No rules match.</div>
        )
      ) : (
        <table>
          <thead>
            <tr>
              <th>Applies to</th>
              <th>Commission</th>
              <th>Valid</th>
              <th>Priority</th>
              <th>State</th>
              <th>Action</th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((r) => (
              <tr key={r.id} data-testid={`rule-${r.id}`}>
                <td>
                  <Link to={`/console/commission/${r.id}`}>{ruleTarget(r)}</Link>
                  {r.note ? <div className="hint">{r.note}</div> : null}
                </td>
                <td>{ruleSummary(r)}</td>
                <td>{ruleWindow(r) || 'always'}</td>
                <td>{r.priority}</td>
                <td>
                  <span className={`badge badge-${r.enabled ? 'active' : 'disabled'}`}>
                    {r.enabled ? 'enabled' : 'disabled'}
                  </span>{' '}
                  <small className="hint">v{r.version}</small>
                </td>
                <td>
                  {r.isDefault ? (
                    <small className="hint">default</small>
                  ) : (
                    <Form method="post">
                      <Csrf />
                      <input type="hidden" name="id" value={r.id} />
                      <button
                        type="submit"
                        name="intent"
                        value={r.enabled ? 'disable' : 'enable'}
                        className="secondary"
                      >
                        {r.enabled ? 'Disable' : 'Enable'}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NextPage to={next} />
    </Shell>
  );
}
