import type { CommissionRule } from '@agora/contracts';
import { formatBps, formatMoney } from '@agora/ui/money';

const amounts = (byCurrency: Record<string, number>) =>
  Object.entries(byCurrency)
    .map(([cur, minor]) => formatMoney(minor, cur))
    .join(' / ');

/** A rule's commission in a few words: "10% · max €15.00", "€1.20 per unit · from €100,000.00 GMV". */
export function ruleSummary(r: CommissionRule): string {
  const parts = [
    r.kind === 'percent'
      ? formatBps(r.rateBps ?? 0)
      : `${amounts(r.amounts)} ${r.kind === 'flat_per_unit' ? 'per unit' : 'per line'}`,
  ];
  if (Object.keys(r.minAmounts).length) parts.push(`min ${amounts(r.minAmounts)}`);
  if (Object.keys(r.maxAmounts).length) parts.push(`max ${amounts(r.maxAmounts)}`);
  if (r.vendorGmv30dMinMinor) parts.push(`vendor 30-day sales ≥ ${amounts(r.vendorGmv30dMinMinor)}`);
  return parts.join(' · ');
}

/** What a rule applies to, with names. */
export function ruleTarget(r: CommissionRule): string {
  if (r.scope === 'marketplace') return 'Whole marketplace';
  if (r.scope === 'vendor') return `Vendor ${r.vendorName ?? r.vendorId}`;
  if (r.scope === 'category') return `Category ${r.categoryName ?? r.categoryId}`;
  if (r.scope === 'vendor_category')
    return `Vendor ${r.vendorName ?? r.vendorId} in ${r.categoryName ?? r.categoryId}`;
  return `Product ${r.productTitle ?? r.productId}`;
}

/** A rule's validity window in words, or '' when always valid. */
export function ruleWindow(r: CommissionRule): string {
  const d = (iso: string) => iso.slice(0, 10);
  if (r.validFrom && r.validTo) return `${d(r.validFrom)} to ${d(r.validTo)}`;
  if (r.validFrom) return `from ${d(r.validFrom)}`;
  if (r.validTo) return `until ${d(r.validTo)}`;
  return '';
}
