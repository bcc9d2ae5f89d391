import { effectiveTiers, type PricedProduct, type Tier } from '../pricing/tiers.js';

/** What a buyer may order, in words: "at least 100, in steps of 50" (or just "at least 100"). */
export function allowedQuantities(product: Pick<PricedProduct, 'minOrderQty' | 'orderIncrement'>): string {
  const min = product.minOrderQty.toLocaleString('en');
  return product.orderIncrement > 1
    ? `at least ${min}, in steps of ${product.orderIncrement.toLocaleString('en')}`
    : `at least ${min}`;
}

/** Whether `qty` is an orderable quantity: a whole number from the minimum, on the increment. */
export function isAllowedQuantity(
  product: Pick<PricedProduct, 'minOrderQty' | 'orderIncrement'>,
  qty: number,
): boolean {
  return (
    Number.isSafeInteger(qty) &&
    qty >= product.minOrderQty &&
    (qty - product.minOrderQty) % product.orderIncrement === 0
  );
}

/**
 * The nearest allowed quantity at or above `qty` (what a cart offers after a wrong entry): the
 * minimum below it, else the next step of the increment.
 */
export function roundUpToAllowed(
  product: Pick<PricedProduct, 'minOrderQty' | 'orderIncrement'>,
  qty: number,
): number {
  if (!(qty > product.minOrderQty)) return product.minOrderQty;
  const steps = Math.ceil((qty - product.minOrderQty) / product.orderIncrement);
  return product.minOrderQty + steps * product.orderIncrement;
}

/**
 * The next cheaper volume tier above `qty`, as a quantity the buyer can actually order (the
 * tier's bound rounded up to the increment): "order 1,000 to pay €2.00 each". Null at the top.
 */
export function nextTier(product: PricedProduct, qty: number): Tier | null {
  for (const tier of effectiveTiers(product)) {
    if (tier.minQty > qty)
      return { minQty: roundUpToAllowed(product, tier.minQty), unitPriceMinor: tier.unitPriceMinor };
  }
  return null;
}
