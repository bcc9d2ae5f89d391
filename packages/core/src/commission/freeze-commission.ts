import type { TenantTx } from '@agora/db';
import { sumAmounts } from '../commerce/money.js';
import { ledgerPostingsSkipped } from '../ledger/bench-switch.js';
import { commissionFor, type FrozenCommission } from './choose-commission.js';
import { loadCandidates, vendorGmv30d } from './load-candidates.js';

/** A priced line with its product's category path (placement reads it with the product). */
type PricedLine = { productId: string; qty: number; netMinor: number; categoryPath: string | null };

/**
 * The commission of every line of a checkout, as placement freezes it (ADR 0037): the rules
 * that can apply (kept in memory while `rulesVersion` is theirs, else one query), one grouped GMV
 * query when a rule has a GMV condition, then the pure function per line.
 */
export async function freezeCommission<O extends { vendorId: string; lines: PricedLine[] }>(
  tx: TenantTx,
  orders: O[],
  currency: string,
  at: Date,
  /** `commission_version` as placement read it with its settings (null: read the rules anyway). */
  rulesVersion: number | null,
): Promise<{ lines: FrozenCommission[]; totalMinor: number }[]> {
  if (ledgerPostingsSkipped()) return orders.map((o) => withoutCommission(o.lines));
  const vendorIds = orders.map((o) => o.vendorId);
  const productIds = [...new Set(orders.flatMap((o) => o.lines.map((l) => l.productId)))];
  const candidates = await loadCandidates(tx, { vendorIds, productIds }, rulesVersion);
  const gmv = candidates.some((c) => c.vendorGmv30dMinMinor)
    ? await vendorGmv30d(tx, vendorIds, currency, at)
    : new Map<string, number>();
  const ctx = { at, vendorGmv30dMinor: (vendorId: string) => gmv.get(vendorId) ?? 0 };
  return orders.map((o) => {
    const lines = o.lines.map((l) =>
      commissionFor(
        {
          productId: l.productId,
          vendorId: o.vendorId,
          categoryPath: l.categoryPath,
          currency,
          qty: l.qty,
          netMinor: l.netMinor,
        },
        candidates,
        ctx,
      ),
    );
    return { lines, totalMinor: sumAmounts(lines.map((l) => l.amountMinor)) };
  });
}

/** The benchmark baseline's lines (bench-switch.ts): no rule, no commission. */
const withoutCommission = (lines: PricedLine[]) => ({
  lines: lines.map(
    (l): FrozenCommission => ({
      ruleId: null,
      ruleVersion: null,
      baseMinor: l.netMinor,
      rateBps: null,
      flatMinor: null,
      cap: 'none',
      amountMinor: 0,
    }),
  ),
  totalMinor: 0,
});

/** The order line columns of a frozen commission. */
export const commissionColumns = (c: FrozenCommission) => ({
  commissionMinor: c.amountMinor,
  commissionRuleId: c.ruleId,
  commissionRuleVersion: c.ruleVersion,
  commissionBaseMinor: c.baseMinor,
  commissionRateBps: c.rateBps,
  commissionFlatMinor: c.flatMinor,
  commissionCap: c.cap,
});
