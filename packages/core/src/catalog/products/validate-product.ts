import type { FieldIssue, ProductBody } from '@agora/contracts';
import { validateTiers } from '../../pricing/tiers.js';
import { isKnownCurrency } from '../currency.js';

/**
 * The rules a well-shaped product (ProductBody) must also follow, by field: the currency is a
 * real ISO 4217 code, attribute names are unique, and the volume tiers pass `validateTiers`
 * (first tier at the minimum order, no duplicate bounds, prices never rising with quantity nor
 * above the list price). Pure: the API and the CSV import both call it. The category is checked
 * against the database by the callers.
 */
export function productRuleIssues(product: ProductBody): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isKnownCurrency(product.currency))
    issues.push({ path: 'currency', message: `${product.currency} is not an ISO 4217 currency code` });
  const seen = new Set<string>();
  product.attributes.forEach((attr, i) => {
    const key = attr.name.toLowerCase();
    if (seen.has(key))
      issues.push({ path: `attributes.${i}.name`, message: `"${attr.name}" is listed twice; keep one` });
    seen.add(key);
  });
  issues.push(...validateTiers(product));
  return issues;
}
