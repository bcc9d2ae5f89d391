import { applyBps, lineAmount } from '../commerce/money.js';

/**
 * The commission winner for one order line (ADR 0037), written once and pure: placement,
 * preview, explain and simulation all call it.
 *
 *   1. A candidate applies when it is enabled, valid at the moment (`validFrom <= at < validTo`),
 *      its scope matches the line (a category covers its descendants), its condition holds (the
 *      vendor's trailing 30-day GMV in the line's currency at or above the threshold) and, for
 *      flat kinds, it has an amount in the line's currency.
 *   2. Among those that apply: the most specific scope wins (product > vendor and category >
 *      category > vendor > marketplace; between two category scopes the deeper category);
 *      then the higher priority; then the newest version; then the larger rule id (so the order
 *      is total and the result never depends on the order candidates come in).
 *   3. Amount: percent = rate of the line's net amount, rounded per line half away from zero to
 *      the minor unit; flat per unit = amount x quantity; flat per line = amount. Then the rule's
 *      minimum and maximum in that currency; then never below 0 nor above the line's net amount.
 */

export const COMMISSION_SCOPES = ['marketplace', 'vendor', 'category', 'vendor_category', 'product'] as const;
export type CommissionScope = (typeof COMMISSION_SCOPES)[number];
export type CommissionKind = 'percent' | 'flat_per_unit' | 'flat_per_line';
export type CommissionCap = 'none' | 'min' | 'max' | 'base';

/** A line as commission sees it. `categoryPath` is the product category's `/cat_a/cat_b/`. */
export type CommissionLine = {
  productId: string;
  vendorId: string;
  categoryPath: string | null;
  currency: string;
  qty: number;
  /** The line's net amount (quantity x unit price, before tax): the commission base. */
  netMinor: number;
};

/** One rule version, with its category's path resolved (category scopes). */
export type CommissionCandidate = {
  ruleId: string;
  version: number;
  scope: CommissionScope;
  vendorId: string | null;
  categoryId: string | null;
  /** The path of `categoryId` (`/cat_a/cat_b/`); null when the rule has no category. */
  categoryPath: string | null;
  productId: string | null;
  kind: CommissionKind;
  rateBps: number | null;
  amounts: Record<string, number>;
  minAmounts: Record<string, number>;
  maxAmounts: Record<string, number>;
  validFrom: Date | null;
  validTo: Date | null;
  priority: number;
  enabled: boolean;
  vendorGmv30dMinMinor: Record<string, number> | null;
  /** When this version was made ("newest" breaks priority ties). */
  createdAt: Date;
};

export type CommissionContext = {
  /** The moment of placement (or of the order being simulated). */
  at: Date;
  /** The vendor's trailing 30-day GMV in the line's currency; only read by conditional rules. */
  vendorGmv30dMinor?: (vendorId: string) => number;
};

/** What is frozen on the order line. */
export type FrozenCommission = {
  ruleId: string | null;
  ruleVersion: number | null;
  baseMinor: number;
  rateBps: number | null;
  flatMinor: number | null;
  cap: CommissionCap;
  amountMinor: number;
};

export type VerdictReason =
  | 'won'
  | 'disabled'
  | 'not_yet_valid'
  | 'expired'
  | 'other_product'
  | 'other_vendor'
  | 'other_category'
  | 'condition_not_met'
  | 'no_amount_in_currency'
  | 'less_specific'
  | 'lower_priority'
  | 'older';

export type CommissionVerdict = {
  ruleId: string;
  version: number;
  outcome: 'won' | 'lost' | 'not_applicable';
  reason: VerdictReason;
  /** What this rule would give on the line, when it applies (for the explain view). */
  amountMinor: number | null;
  cap: CommissionCap | null;
  /** The rule it lost to, when it lost. */
  lostTo: string | null;
};

export type CommissionChoice = { winner: FrozenCommission; verdicts: CommissionVerdict[] };

/** The specificity of a scope; higher wins. Category depth refines category scopes. */
export const SCOPE_RANK: Record<CommissionScope, number> = {
  marketplace: 0,
  vendor: 1,
  category: 2,
  vendor_category: 3,
  product: 4,
};

/** The number of categories in a path: `/a/b/` is 2. */
export const categoryDepth = (path: string | null) => (path ? path.split('/').length - 2 : 0);

const NO_COMMISSION = (baseMinor: number): FrozenCommission => ({
  ruleId: null,
  ruleVersion: null,
  baseMinor,
  rateBps: null,
  flatMinor: null,
  cap: 'none',
  amountMinor: 0,
});

/** Why a candidate's scope does not cover the line (product, vendor, category by path), or null. */
function scopeMismatch(
  line: Pick<CommissionLine, 'productId' | 'vendorId' | 'categoryPath'>,
  c: CommissionCandidate,
): VerdictReason | null {
  if (c.scope === 'product' && c.productId !== line.productId) return 'other_product';
  if ((c.scope === 'vendor' || c.scope === 'vendor_category') && c.vendorId !== line.vendorId)
    return 'other_vendor';
  if (
    (c.scope === 'category' || c.scope === 'vendor_category') &&
    !(c.categoryPath && line.categoryPath?.startsWith(c.categoryPath))
  )
    return 'other_category';
  return null;
}

/**
 * The candidates whose scope covers lines of this product (its vendor and category): a caller
 * that computes many lines of one product (simulation) narrows the list once; the winner is the
 * same, since a candidate of another scope never applies.
 */
export const candidatesFor = (
  line: Pick<CommissionLine, 'productId' | 'vendorId' | 'categoryPath'>,
  candidates: readonly CommissionCandidate[],
) => candidates.filter((c) => scopeMismatch(line, c) === null);

/** Why a candidate does not apply to the line, or null when it does. */
function inapplicable(
  line: CommissionLine,
  c: CommissionCandidate,
  ctx: CommissionContext,
): VerdictReason | null {
  if (!c.enabled) return 'disabled';
  if (c.validFrom && ctx.at < c.validFrom) return 'not_yet_valid';
  if (c.validTo && ctx.at >= c.validTo) return 'expired';
  const scope = scopeMismatch(line, c);
  if (scope) return scope;
  if (c.kind !== 'percent' && c.amounts[line.currency] === undefined) return 'no_amount_in_currency';
  if (c.vendorGmv30dMinMinor) {
    const threshold = c.vendorGmv30dMinMinor[line.currency];
    if (threshold === undefined) return 'condition_not_met';
    const gmv = ctx.vendorGmv30dMinor?.(line.vendorId) ?? 0;
    if (gmv < threshold) return 'condition_not_met';
  }
  return null;
}

/**
 * `base x bps / 10,000` rounded half away from zero (as `applyBps`), in plain numbers while the
 * product is exact (below 2^53: every real line), else in BigInt through `applyBps`.
 */
function percentOf(base: number, bps: number): number {
  const n = base * bps;
  if (!Number.isSafeInteger(n) || n < 0) return applyBps(base, bps);
  const rest = n % 10_000;
  return (n - rest) / 10_000 + (rest * 2 >= 10_000 ? 1 : 0);
}

/** The amount a candidate gives on a line it applies to. */
export function commissionAmount(line: CommissionLine, c: CommissionCandidate): FrozenCommission {
  const base = line.netMinor;
  let raw: number;
  let rateBps: number | null = null;
  let flatMinor: number | null = null;
  if (c.kind === 'percent') {
    rateBps = c.rateBps ?? 0;
    raw = percentOf(base, rateBps);
  } else {
    flatMinor = c.amounts[line.currency] ?? 0;
    raw = c.kind === 'flat_per_unit' ? lineAmount(flatMinor, line.qty) : flatMinor;
  }
  let amount = raw;
  let cap: CommissionCap = 'none';
  const min = c.minAmounts[line.currency];
  const max = c.maxAmounts[line.currency];
  if (min !== undefined && amount < min) {
    amount = min;
    cap = 'min';
  }
  if (max !== undefined && amount > max) {
    amount = max;
    cap = 'max';
  }
  if (amount > base) {
    amount = base;
    cap = 'base';
  }
  if (amount < 0) amount = 0;
  return {
    ruleId: c.ruleId,
    ruleVersion: c.version,
    baseMinor: base,
    rateBps,
    flatMinor,
    cap,
    amountMinor: amount,
  };
}

/**
 * Orders two applicable candidates: negative when `a` beats `b`. Returns the reason `b` loses
 * to `a` through `why` (the first criterion that separates them).
 */
export function compareCandidates(
  a: CommissionCandidate,
  b: CommissionCandidate,
): { order: number; why: VerdictReason } {
  const scope = SCOPE_RANK[b.scope] - SCOPE_RANK[a.scope];
  if (scope !== 0) return { order: scope, why: 'less_specific' };
  const depth = categoryDepth(b.categoryPath) - categoryDepth(a.categoryPath);
  if (depth !== 0) return { order: depth, why: 'less_specific' };
  if (a.priority !== b.priority) return { order: b.priority - a.priority, why: 'lower_priority' };
  const age = b.createdAt.getTime() - a.createdAt.getTime();
  if (age !== 0) return { order: age, why: 'older' };
  if (a.ruleId !== b.ruleId) return { order: a.ruleId > b.ruleId ? -1 : 1, why: 'older' };
  return { order: b.version - a.version, why: 'older' };
}

/** The winning rule for a line and, for every candidate, why it won, lost or did not apply. */
export function chooseCommission(
  line: CommissionLine,
  candidates: readonly CommissionCandidate[],
  ctx: CommissionContext,
): CommissionChoice {
  const applicable: CommissionCandidate[] = [];
  const reasons = new Map<CommissionCandidate, VerdictReason>();
  for (const c of candidates) {
    const why = inapplicable(line, c, ctx);
    if (why) reasons.set(c, why);
    else applicable.push(c);
  }
  let best: CommissionCandidate | undefined;
  for (const c of applicable) if (!best || compareCandidates(c, best).order < 0) best = c;
  const winner = best ? commissionAmount(line, best) : NO_COMMISSION(line.netMinor);
  const verdicts = candidates.map((c): CommissionVerdict => {
    const notApplicable = reasons.get(c);
    if (notApplicable)
      return {
        ruleId: c.ruleId,
        version: c.version,
        outcome: 'not_applicable',
        reason: notApplicable,
        amountMinor: null,
        cap: null,
        lostTo: null,
      };
    const amount = c === best ? winner : commissionAmount(line, c);
    return {
      ruleId: c.ruleId,
      version: c.version,
      outcome: c === best ? 'won' : 'lost',
      reason: c === best ? 'won' : compareCandidates(best as CommissionCandidate, c).why,
      amountMinor: amount.amountMinor,
      cap: amount.cap,
      lostTo: c === best ? null : (best?.ruleId ?? null),
    };
  });
  return { winner, verdicts };
}

/** The winner only, without verdicts: placement and simulation call this per line. */
export function commissionFor(
  line: CommissionLine,
  candidates: readonly CommissionCandidate[],
  ctx: CommissionContext,
): FrozenCommission {
  let best: CommissionCandidate | undefined;
  for (const c of candidates)
    if (!inapplicable(line, c, ctx) && (!best || compareCandidates(c, best).order < 0)) best = c;
  return best ? commissionAmount(line, best) : NO_COMMISSION(line.netMinor);
}
