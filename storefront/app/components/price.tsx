import { formatBps, formatMoney } from '@agora/ui/money';

export function Money({ minor, currency }: { minor: number; currency: string }) {
  return <span className="money">{formatMoney(minor, currency)}</span>;
}

export function Saving({ bps }: { bps: number }) {
  return bps > 0 ? (
    <span className="saving">save {formatBps(bps)}</span>
  ) : (
    <span className="saving none">list price</span>
  );
}
