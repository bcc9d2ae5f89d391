import type { ShippingRate } from '@agora/contracts';
import { applyBps, lineAmount, sumAmounts } from './money.js';

/**
 * The totals of one vendor's order, the unit a checkout splits a cart into: every line at its
 * volume-tier unit price, tax per line at the marketplace rate, and the vendor's shipping rate
 * (flat per order, free from an order amount on). All amounts in the order's one currency.
 */

export type PricedLine = { productId: string; qty: number; unitPriceMinor: number };

export type LineTotals = PricedLine & { netMinor: number; taxMinor: number };

export type VendorOrderTotals = {
  lines: LineTotals[];
  subtotalMinor: number;
  taxMinor: number;
  shippingMinor: number;
  totalMinor: number;
};

/**
 * Shipping for an order with this subtotal (before tax). No rate set means the vendor ships
 * for free; a free-from amount is reached at that subtotal exactly.
 */
export function shippingFor(rate: ShippingRate | null | undefined, subtotalMinor: number): number {
  if (!rate) return 0;
  if (rate.freeFromMinor !== null && subtotalMinor >= rate.freeFromMinor) return 0;
  return rate.flatMinor;
}

/** Totals of one vendor order; tax is rounded per line (half away from zero), then summed. */
export function vendorOrderTotals(
  lines: readonly PricedLine[],
  opts: { taxBps: number; shipping: ShippingRate | null | undefined },
): VendorOrderTotals {
  const priced = lines.map((l) => {
    const netMinor = lineAmount(l.unitPriceMinor, l.qty);
    return { ...l, netMinor, taxMinor: applyBps(netMinor, opts.taxBps) };
  });
  const subtotalMinor = sumAmounts(priced.map((l) => l.netMinor));
  const taxMinor = sumAmounts(priced.map((l) => l.taxMinor));
  const shippingMinor = shippingFor(opts.shipping, subtotalMinor);
  return {
    lines: priced,
    subtotalMinor,
    taxMinor,
    shippingMinor,
    totalMinor: sumAmounts([subtotalMinor, taxMinor, shippingMinor]),
  };
}

/**
 * Cart lines grouped the way a checkout places them: by currency (a checkout is in one), then by
 * vendor, each group in first-seen order so the buyer sees the order they filled the cart in.
 */
export function groupForCheckout<L extends { vendorId: string; currency: string }>(
  lines: readonly L[],
): Map<string, Map<string, L[]>> {
  const byCurrency = new Map<string, Map<string, L[]>>();
  for (const line of lines) {
    const byVendor = byCurrency.get(line.currency) ?? new Map<string, L[]>();
    byCurrency.set(line.currency, byVendor);
    const group = byVendor.get(line.vendorId);
    if (group) group.push(line);
    else byVendor.set(line.vendorId, [line]);
  }
  return byCurrency;
}
