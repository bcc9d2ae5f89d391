import { formatBps, formatMoney } from '@agora/ui/money';

export function Money({ minor, currency }: { minor: number; currency: string }) {
  return <span className="money">{formatMoney(minor, currency)}</span>;
}

/** A tier's saving against the list price: the share, and the amount per unit. */
export function Saving({
  bps,
  perUnitMinor,
  currency,
}: {
  bps: number;
  perUnitMinor: number;
  currency: string;
}) {
  return bps > 0 ? (
    <span className="saving">
      save {formatBps(bps)} ({formatMoney(perUnitMinor, currency)} a unit)
    </span>
  ) : (
    <span className="saving none">list price</span>
  );
}
