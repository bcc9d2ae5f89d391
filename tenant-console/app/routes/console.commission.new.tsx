import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { FORM_CURRENCIES } from '../lib/commission-form.js';
import { ruleFormAction, ruleFormOptions } from '../lib/commission-pages.server.js';
import { CommissionRuleForm } from '../lib/commission-rule-form.js';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Notice, Shell } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'New commission rule' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  return { user, ...(await ruleFormOptions(api)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  return ruleFormAction(api, await verifiedForm(request));
}

export default function NewCommissionRule() {
  const { user, vendors, categories } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <p>
        <Link to="/console/commission">← Commission rules</Link>
      </p>
      <h1>New commission rule</h1>
      {reply?.message ? <Notice kind={reply.ok ? 'success' : 'error'}>{reply.message}</Notice> : null}
      {/* Keyed by what the server answered, so every input shows it (selects keep no stale choice). */}
      <CommissionRuleForm
        key={JSON.stringify(reply?.values ?? null)}
        values={reply?.values ?? { scope: 'category', kind: 'percent', enabled: 'on', priority: '0' }}
        fields={reply?.fields ?? {}}
        currencies={FORM_CURRENCIES}
        vendors={vendors}
        categories={categories}
        preview={reply?.preview}
        submitLabel="Add rule"
      />
    </Shell>
  );
}
