import { ApiError } from '@agora/api-client';
import type { CommissionRule, CommissionSimulateInput, CommissionSimulation } from '@agora/contracts';
import { FieldErrors } from '@agora/ui/form-fields';
import { type FieldErrorMap, type FormValues, formValues } from '@agora/ui/forms';
import { formatMoney } from '@agora/ui/money';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { BeforeAfterChart } from '../lib/before-after-chart.js';
import { FORM_CURRENCIES } from '../lib/commission-form.js';
import { parseRuleForm, ruleInput } from '../lib/commission-form.server.js';
import { ruleFormOptions } from '../lib/commission-pages.server.js';
import { RuleFields } from '../lib/commission-rule-form.js';
import { ruleSummary, ruleTarget } from '../lib/commission-summary.js';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Csrf, Field, Notice, Shell } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Simulate commission changes' }];

type Change = CommissionSimulateInput['changes'][number];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const [rules, options] = await Promise.all([api.commissionRules({ limit: 100 }), ruleFormOptions(api)]);
  return { user, rules: rules.data, ...options };
}

type Reply = {
  draft: Change[];
  values: FormValues;
  fields: FieldErrorMap;
  message: string;
  result: CommissionSimulation | null;
};

const RULE_FIELD =
  /^(scope|kind|vendorId|categoryId|productId|rateBps|validFrom|validTo|priority|enabled|note|target)$|\./;

export async function action({ request, context }: ActionFunctionArgs): Promise<Reply> {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
  let draft: Change[] = [];
  try {
    const parsed = JSON.parse(String(form.get('draft') ?? '[]'));
    if (Array.isArray(parsed)) draft = parsed;
  } catch {}
  const { draft: _d, intent: _i, ...values } = formValues(form);
  const intent = String(form.get('intent') ?? 'run');
  const reply = (r: Partial<Reply>): Reply => ({
    draft,
    values,
    fields: {},
    message: '',
    result: null,
    ...r,
  });
  // After a change is added, the rule inputs start empty again (the dates stay).
  const keepRange = () => Object.fromEntries(Object.entries(values).filter(([k]) => !RULE_FIELD.test(k)));
  if (intent === 'add') {
    const submission = parseRuleForm(form);
    if (!submission.ok) return reply({ fields: submission.reply.fields, message: submission.reply.message });
    const target = String(form.get('target') ?? '');
    const rule = ruleInput(submission.value);
    draft = [...draft, target ? { action: 'edit', ruleId: target, rule } : { action: 'add', rule }];
    return reply({ values: keepRange() });
  }
  if (intent === 'enable' || intent === 'disable') {
    const ruleId = String(form.get('toggleRuleId') ?? '');
    if (!ruleId)
      return reply({ fields: { toggleRuleId: ['choose a rule'] }, message: 'Choose a rule to change.' });
    draft = [...draft, { action: intent, ruleId }];
    return reply({});
  }
  if (intent.startsWith('remove-')) {
    const n = Number(intent.slice('remove-'.length));
    draft = draft.filter((_, i) => i !== n);
    return reply({});
  }
  try {
    const from = String(form.get('from') ?? '');
    const to = String(form.get('to') ?? '');
    const result = await api.simulateCommission({
      changes: draft,
      from: from || undefined,
      to: to || undefined,
    });
    return reply({ result });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status >= 500) throw e;
    const fields: FieldErrorMap = {};
    for (const f of e.details?.fields ?? []) fields[f.path] = [...(fields[f.path] ?? []), f.message];
    return reply({ fields, message: e.message });
  }
}

const NO_RULE: Omit<CommissionRule, 'kind' | 'scope'> = {
  id: '',
  version: 0,
  isDefault: false,
  enabled: true,
  vendorId: null,
  vendorName: null,
  categoryId: null,
  categoryName: null,
  productId: null,
  productTitle: null,
  rateBps: null,
  amounts: {},
  minAmounts: {},
  maxAmounts: {},
  validFrom: null,
  validTo: null,
  priority: 0,
  note: '',
  vendorGmv30dMinMinor: null,
  createdAt: '',
  createdBy: null,
};

export default function SimulateCommission() {
  const { user, rules, vendors, categories } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const draft = reply?.draft ?? [];
  const values = reply?.values ?? {};
  const fields = reply?.fields ?? {};
  const byId = new Map(rules.map((r) => [r.id, r]));
  const name = (list: { id: string; label: string }[], id: string | null | undefined) =>
    list.find((o) => o.id === id)?.label.replace(/^(— )+/, '') ?? id ?? null;
  const describe = (c: Change) => {
    if (c.action === 'enable' || c.action === 'disable') {
      const r = byId.get(c.ruleId);
      return `${c.action === 'enable' ? 'Enable' : 'Disable'}: ${r ? ruleTarget(r) : c.ruleId}`;
    }
    const r = {
      ...NO_RULE,
      ...c.rule,
      vendorName: name(vendors, c.rule.vendorId),
      categoryName: name(categories, c.rule.categoryId),
    } as CommissionRule;
    const what =
      c.action === 'edit'
        ? `Change ${byId.get(c.ruleId) ? ruleTarget(byId.get(c.ruleId) as CommissionRule) : c.ruleId} to`
        : 'Add';
    return `${what}: ${ruleTarget(r)}, ${ruleSummary(r)}${r.enabled === false ? ' (disabled)' : ''}`;
  };
  const result = reply?.result;
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <p>
        <Link to="/console/commission">← Commission rules</Link>
      </p>
      <h1>Simulate commission changes</h1>
      <p className="hint">
        Build a draft of changes, then run it over past orders: nothing is changed. Cancelled and rejected
        orders are left out.
      </p>
      {reply?.message ? <Notice kind="error">{reply.message}</Notice> : null}
      <Form method="post" noValidate>
        <Csrf />
        <input type="hidden" name="draft" value={JSON.stringify(draft)} />
        <section className="card" aria-labelledby="draft-title">
          <h2 id="draft-title">Draft</h2>
          {draft.length === 0 ? (
            <p className="hint">No changes yet: the simulation shows the rules as they are.</p>
          ) : (
            <ol data-testid="draft">
              {draft.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the draft's order is its identity
                <li key={i}>
                  {describe(c)}{' '}
                  <button type="submit" name="intent" value={`remove-${i}`} className="link">
                    Remove
                  </button>
                  <FieldErrors
                    name={`changes.${i}`}
                    errors={Object.entries(fields)
                      .filter(([k]) => k.startsWith(`changes.${i}.`))
                      .flatMap(([, m]) => m)}
                  />
                </li>
              ))}
            </ol>
          )}
          <div className="row">
            <Field
              label="Orders placed from"
              name="from"
              type="date"
              defaultValue={String(values.from ?? '')}
              error={fields.from}
              hint="Default: 90 days ago."
            />
            <Field
              label="Until"
              name="to"
              type="date"
              defaultValue={String(values.to ?? '')}
              error={fields.to}
              hint="Default: now."
            />
          </div>
          <button type="submit" name="intent" value="run">
            Run simulation
          </button>
        </section>
        {result ? <SimulationResult result={result} /> : null}
        <section className="card" aria-labelledby="toggle-title">
          <h2 id="toggle-title">Enable or disable a rule</h2>
          <Field label="Rule" name="toggleRuleId" error={fields.toggleRuleId}>
            <select id="f-toggleRuleId" name="toggleRuleId" defaultValue="">
              <option value="">(choose)</option>
              {rules
                .filter((r) => !r.isDefault)
                .map((r) => (
                  <option key={r.id} value={r.id}>
                    {ruleTarget(r)} — {ruleSummary(r)} ({r.enabled ? 'enabled' : 'disabled'})
                  </option>
                ))}
            </select>
          </Field>
          <div className="toolbar">
            <button type="submit" name="intent" value="enable" className="secondary">
              Add “enable” to the draft
            </button>
            <button type="submit" name="intent" value="disable" className="secondary">
              Add “disable” to the draft
            </button>
          </div>
        </section>
        <section className="card" aria-labelledby="rule-title">
          <h2 id="rule-title">Add or change a rule</h2>
          <Field label="This rule" name="target">
            <select id="f-target" name="target" defaultValue={String(values.target ?? '')}>
              <option value="">is a new rule</option>
              {rules.map((r) => (
                <option key={r.id} value={r.id}>
                  replaces {ruleTarget(r)} — {ruleSummary(r)}
                </option>
              ))}
            </select>
          </Field>
          <RuleFields
            key={JSON.stringify(values)}
            values={
              Object.keys(values).some((k) => RULE_FIELD.test(k))
                ? values
                : { scope: 'category', kind: 'percent', enabled: 'on' }
            }
            fields={fields}
            currencies={FORM_CURRENCIES}
            vendors={vendors}
            categories={categories}
          />
          <button type="submit" name="intent" value="add" className="secondary">
            Add to the draft
          </button>
        </section>
      </Form>
    </Shell>
  );
}

function SimulationResult({ result }: { result: CommissionSimulation }) {
  const money = (cur: string) => (m: number) => formatMoney(m, cur);
  return (
    <section className="card" aria-labelledby="result-title" data-testid="simulation">
      <h2 id="result-title">
        Orders placed {result.from.slice(0, 10)} to {result.to.slice(0, 10)}
      </h2>
      {result.totals.length === 0 ? <p>No orders in this range.</p> : null}
      {result.totals.map((t) => {
        const f = money(t.currency);
        const vendors = result.vendors.filter((v) => v.currency === t.currency);
        return (
          <div key={t.currency}>
            <p>
              Total ({t.currency}, {t.lines.toLocaleString('en')} lines): before {f(t.beforeMinor)}, after{' '}
              <strong>{f(t.afterMinor)}</strong>, difference {t.diffMinor > 0 ? '+' : ''}
              {f(t.diffMinor)}. Charged on those orders: {f(t.chargedMinor)}.
            </p>
            <table>
              <thead>
                <tr>
                  <th>Vendor</th>
                  <th>Lines</th>
                  <th>Before</th>
                  <th>After</th>
                  <th>Difference</th>
                </tr>
              </thead>
              <tbody>
                {vendors.map((v) => (
                  <tr key={v.vendorId}>
                    <td>{v.vendorName}</td>
                    <td>{v.lines.toLocaleString('en')}</td>
                    <td>{f(v.beforeMinor)}</td>
                    <td>{f(v.afterMinor)}</td>
                    <td>
                      {v.diffMinor > 0 ? '+' : ''}
                      {f(v.diffMinor)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <BeforeAfterChart
              title={`Commission per vendor in ${t.currency}, before and after the draft`}
              rows={vendors
                .slice(0, 20)
                .map((v) => ({ label: v.vendorName, before: v.beforeMinor, after: v.afterMinor }))}
              format={f}
            />
          </div>
        );
      })}
    </section>
  );
}
