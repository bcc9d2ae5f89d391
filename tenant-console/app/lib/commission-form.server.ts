import { CommissionRuleBody, type CommissionRuleInput } from '@agora/contracts';
import { formValues, issuesReply, parseForm, type Submission } from '@agora/ui/forms';
import { parseMoney } from '@agora/ui/money';
import { MONEY_FIELDS } from './commission-form.js';

const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

/** The submitted rule: the API's body, or the reply that shows every field to fix. */
export function parseRuleForm(form: FormData): Submission<CommissionRuleBody> {
  const values = formValues(form);
  const issues: { path: string; message: string }[] = [];
  const money: Record<string, Record<string, number>> = {};
  for (const f of MONEY_FIELDS) money[f] = {};
  for (const [name, raw] of Object.entries(values)) {
    const [field, cur] = name.split('.');
    if (!cur || !(MONEY_FIELDS as readonly string[]).includes(field as string)) continue;
    const text = String(raw).trim();
    if (!text) continue;
    const minor = parseMoney(text, cur);
    if (minor === null) issues.push({ path: name, message: 'must be an amount like 12.50' });
    else (money[field as string] as Record<string, number>)[cur] = minor;
  }
  const rate = String(values.rateBps ?? '').trim();
  if (rate && !PERCENT.test(rate))
    issues.push({ path: 'rateBps', message: 'must be a percentage like 12.5' });
  const parsed = parseForm(CommissionRuleBody, form, {
    what: 'rule',
    toInput: (v) => ({
      scope: v.scope,
      vendorId: v.vendorId || null,
      categoryId: v.categoryId || null,
      productId: String(v.productId ?? '').trim() || null,
      kind: v.kind,
      rateBps: rate && PERCENT.test(rate) ? Math.round(Number(rate) * 100) : null,
      amounts: money.amounts,
      minAmounts: money.minAmounts,
      maxAmounts: money.maxAmounts,
      vendorGmv30dMinMinor: Object.keys(money.vendorGmv30dMinMinor ?? {}).length
        ? money.vendorGmv30dMinMinor
        : null,
      validFrom: v.validFrom || null,
      validTo: v.validTo || null,
      priority: v.priority === '' || v.priority === undefined ? 0 : Number(v.priority),
      enabled: v.enabled === 'on',
      note: v.note ?? '',
    }),
  });
  if (!issues.length) return parsed;
  const all = [
    ...issues,
    ...(parsed.ok
      ? []
      : Object.entries(parsed.reply.fields).flatMap(([path, ms]) =>
          // A money or rate field already has its own message.
          issues.some((i) => i.path === path) ? [] : ms.map((message) => ({ path, message })),
        )),
  ];
  return { ok: false, reply: issuesReply(all, parsed.values, 'rule'), values: parsed.values };
}

/** A parsed rule as the API client sends it (dates as ISO strings). */
export const ruleInput = (rule: CommissionRuleBody): CommissionRuleInput => ({
  ...rule,
  validFrom: rule.validFrom?.toISOString() ?? null,
  validTo: rule.validTo?.toISOString() ?? null,
});
