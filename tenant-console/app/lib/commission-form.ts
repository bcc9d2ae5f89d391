import type { CommissionRule } from '@agora/contracts';
import type { FormValues } from '@agora/ui/forms';
import { minorToInput } from '@agora/ui/money';

/**
 * The commission rule form (console): field names are the API's paths (`rateBps`,
 * `amounts.EUR`, `maxAmounts.EUR`), so the API's field errors land under the right input.
 * People type a percentage and amounts in major units; they are turned into basis points and
 * minor units here, and a value that is not a number is a field error like any other.
 */
export const FORM_CURRENCIES = ['EUR', 'USD', 'GBP'];
export const MONEY_FIELDS = ['amounts', 'minAmounts', 'maxAmounts', 'vendorGmv30dMinMinor'] as const;

/** Currencies the form shows: the usual ones and any the rule already names. */
export const formCurrencies = (rule?: Pick<CommissionRule, (typeof MONEY_FIELDS)[number]> | null) => [
  ...new Set([...FORM_CURRENCIES, ...MONEY_FIELDS.flatMap((f) => Object.keys(rule?.[f] ?? {}))]),
];

/** A saved rule as the form's values (for editing). */
export function ruleFormValues(rule: CommissionRule): FormValues {
  const v: FormValues = {
    scope: rule.scope,
    vendorId: rule.vendorId ?? '',
    categoryId: rule.categoryId ?? '',
    productId: rule.productId ?? '',
    kind: rule.kind,
    rateBps: rule.rateBps === null ? '' : String(rule.rateBps / 100),
    validFrom: rule.validFrom?.slice(0, 10) ?? '',
    validTo: rule.validTo?.slice(0, 10) ?? '',
    priority: String(rule.priority),
    note: rule.note,
  };
  if (rule.enabled) v.enabled = 'on';
  for (const f of MONEY_FIELDS)
    for (const [cur, minor] of Object.entries(rule[f] ?? {})) v[`${f}.${cur}`] = minorToInput(minor, cur);
  return v;
}
