import type { FieldIssue } from '@agora/contracts';
import { MAX_QUANTITY } from '@agora/contracts/catalog-limits';

/**
 * Volume pricing. A tier is a lower bound only: from `minQty` units on, each unit costs
 * `unitPriceMinor` (integer minor units), until the next tier's bound. Bands therefore can
 * neither overlap nor leave gaps. Without tiers, the list (base) price applies from the minimum
 * order quantity on. Percentages are basis points, rounded down (never overstating a saving).
 */
export type Tier = { minQty: number; unitPriceMinor: number };

export type PricedProduct = {
  minOrderQty: number;
  orderIncrement: number;
  basePriceMinor: number;
  tiers: Tier[];
};

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 1;
const isMoney = (n: number) => Number.isSafeInteger(n) && n >= 0;

/**
 * Every problem with a tier list, by field (`tiers.2.unitPriceMinor`): bounds and prices must be
 * whole numbers, the first tier must start at the minimum order quantity, bounds must be unique,
 * and the unit price may never rise with quantity (nor exceed the list price).
 */
export function validateTiers(product: PricedProduct): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isCount(product.minOrderQty))
    issues.push({ path: 'minOrderQty', message: 'must be a whole number of at least 1' });
  if (!isCount(product.orderIncrement))
    issues.push({ path: 'orderIncrement', message: 'must be a whole number of at least 1' });
  if (!isMoney(product.basePriceMinor))
    issues.push({ path: 'basePriceMinor', message: 'must be a whole, non-negative amount in minor units' });
  product.tiers.forEach((tier, i) => {
    if (!isCount(tier.minQty))
      issues.push({ path: `tiers.${i}.minQty`, message: 'must be a whole number of at least 1' });
    if (!isMoney(tier.unitPriceMinor))
      issues.push({
        path: `tiers.${i}.unitPriceMinor`,
        message: 'must be a whole, non-negative amount in minor units',
      });
  });
  if (issues.length || product.tiers.length === 0) return issues;

  const order = product.tiers.map((tier, i) => ({ tier, i })).sort((a, b) => a.tier.minQty - b.tier.minQty);
  const first = order[0] as { tier: Tier; i: number };
  if (first.tier.minQty !== product.minOrderQty) {
    issues.push({
      path: `tiers.${first.i}.minQty`,
      message: `the first tier must start at the minimum order quantity (${product.minOrderQty})`,
    });
  }
  if (first.tier.unitPriceMinor > product.basePriceMinor) {
    issues.push({ path: `tiers.${first.i}.unitPriceMinor`, message: 'must not be above the list price' });
  }
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1] as { tier: Tier; i: number };
    const cur = order[k] as { tier: Tier; i: number };
    if (cur.tier.minQty === prev.tier.minQty) {
      issues.push({
        path: `tiers.${cur.i}.minQty`,
        message: `duplicates the bound ${cur.tier.minQty} of another tier`,
      });
    } else if (cur.tier.unitPriceMinor > prev.tier.unitPriceMinor) {
      issues.push({
        path: `tiers.${cur.i}.unitPriceMinor`,
        message: `must not be above the price for fewer units (${prev.tier.unitPriceMinor})`,
      });
    }
  }
  return issues;
}

/** The tiers in effect, ascending: the stored ones, or the list price from the minimum order on. */
export function effectiveTiers(product: PricedProduct): Tier[] {
  if (product.tiers.length === 0)
    return [{ minQty: product.minOrderQty, unitPriceMinor: product.basePriceMinor }];
  return [...product.tiers].sort((a, b) => a.minQty - b.minQty);
}

/** The tier with the greatest bound at or below `qty`, or null below the first bound. */
export function resolveTier(tiers: Tier[], qty: number): Tier | null {
  let found: Tier | null = null;
  for (const tier of tiers) {
    if (tier.minQty <= qty && (!found || tier.minQty > found.minQty)) found = tier;
  }
  return found;
}

/** Saving of `unit` against `base`, in basis points, rounded down; 0 when the base is 0. */
export const savingBps = (base: number, unit: number) =>
  base > 0 ? Math.floor(((base - unit) * 10_000) / base) : 0;

export type Quote =
  | {
      ok: true;
      qty: number;
      unitPriceMinor: number;
      totalMinor: number;
      savingMinor: number;
      savingBps: number;
    }
  | { ok: false; qty: number; reason: string };

const MAX_TOTAL = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Price `qty` units: checks the quantity (a whole number from 1 to MAX_QUANTITY), the minimum and
 * the increment, then applies the volume tier. Amounts are multiplied in BigInt, so a total is
 * exact or refused: one beyond Number.MAX_SAFE_INTEGER minor units is `ok: false`, never a
 * rounded float.
 */
export function quote(product: PricedProduct, qty: number): Quote {
  if (!Number.isSafeInteger(qty) || qty < 1)
    return { ok: false, qty, reason: 'Enter a whole number of units' };
  if (qty > MAX_QUANTITY)
    return { ok: false, qty, reason: `At most ${MAX_QUANTITY.toLocaleString('en-US')} units can be ordered` };
  if (qty < product.minOrderQty)
    return { ok: false, qty, reason: `The minimum order is ${product.minOrderQty}` };
  if ((qty - product.minOrderQty) % product.orderIncrement !== 0) {
    return {
      ok: false,
      qty,
      reason: `Order in steps of ${product.orderIncrement} from ${product.minOrderQty}`,
    };
  }
  const tier = resolveTier(effectiveTiers(product), qty) as Tier;
  const unit = tier.unitPriceMinor;
  const total = BigInt(unit) * BigInt(qty);
  const saving = BigInt(product.basePriceMinor - unit) * BigInt(qty);
  if (total > MAX_TOTAL || saving > MAX_TOTAL)
    return { ok: false, qty, reason: 'The total is too large for one order; order fewer units' };
  return {
    ok: true,
    qty,
    unitPriceMinor: unit,
    totalMinor: Number(total),
    savingMinor: Number(saving),
    savingBps: savingBps(product.basePriceMinor, unit),
  };
}

export type TierRow = { minQty: number; maxQty: number | null; unitPriceMinor: number; savingBps: number };

/** The tier table buyers see: each band with its range, unit price and saving. */
export function tierTable(product: PricedProduct): TierRow[] {
  const tiers = effectiveTiers(product);
  return tiers.map((tier, i) => ({
    minQty: tier.minQty,
    maxQty: i + 1 < tiers.length ? (tiers[i + 1] as Tier).minQty - 1 : null,
    unitPriceMinor: tier.unitPriceMinor,
    savingBps: savingBps(product.basePriceMinor, tier.unitPriceMinor),
  }));
}
