import { ApiError } from '@agora/api-client';
import { COMMISSION_KIND_LABELS, COMMISSION_SCOPE_LABELS } from '@agora/contracts/labels';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { formCurrencies, ruleFormValues } from '../lib/commission-form.js';
import { ruleFormAction, ruleFormOptions } from '../lib/commission-pages.server.js';
import { CommissionRuleForm } from '../lib/commission-rule-form.js';
import { ruleSummary } from '../lib/commission-summary.js';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Notice, Shell } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Commission rule' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const id = params.id as string;
  try {
    const [rule, versions, options] = await Promise.all([
      api.commissionRule(id),
      api.commissionRuleVersions(id),
      ruleFormOptions(api),
    ]);
    return { user, rule, versions: versions.data, ...options };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404)
      throw new Response('No such commission rule.', { status: 404 });
    throw e;
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  return ruleFormAction(api, await verifiedForm(request), params.id as string);
}

export default function EditCommissionRule() {
  const { user, rule, versions, vendors, categories } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <p>
        <Link to="/console/commission">← Commission rules</Link>
      </p>
      <h1>{rule.isDefault ? 'Marketplace default rule' : 'Commission rule'}</h1>
      <p className="hint">
        Version {rule.version}. Saving makes version {rule.version + 1}; orders placed already keep the
        version that applied to them.
      </p>
      {reply?.message ? <Notice kind={reply.ok ? 'success' : 'error'}>{reply.message}</Notice> : null}
      <CommissionRuleForm
        key={`${rule.version}:${JSON.stringify(reply?.values ?? null)}`}
        values={reply?.values ?? ruleFormValues(rule)}
        fields={reply?.fields ?? {}}
        currencies={formCurrencies(rule)}
        vendors={vendors}
        categories={categories}
        isDefault={rule.isDefault}
        preview={reply?.preview}
        submitLabel="Save as a new version"
      />
      <h2>Versions</h2>
      <table>
        <thead>
          <tr>
            <th>Version</th>
            <th>Applies to</th>
            <th>Kind</th>
            <th>Commission</th>
            <th>Enabled</th>
            <th>Made</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <td>{v.version}</td>
              <td>{COMMISSION_SCOPE_LABELS[v.scope]}</td>
              <td>{COMMISSION_KIND_LABELS[v.kind]}</td>
              <td>{ruleSummary(v)}</td>
              <td>{v.enabled ? 'yes' : 'no'}</td>
              <td>{new Date(v.createdAt).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Shell>
  );
}
