import { formatBps, formatMoney } from '@agora/ui/money';
import { AppLink } from './app-link.js';

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

/**
 * In place of a price the marketplace shows to approved buyers only (ADR 0034): a link to sign
 * in, coming back to `next`. A signed-in buyer whose company is not approved yet is told why.
 */
export function SignInForPrices({ next, signedIn = false }: { next: string; signedIn?: boolean }) {
  return signedIn ? (
    <span className="sign-in-for-prices" data-testid="prices-hidden">
      Prices show once your company is approved
    </span>
  ) : (
    <AppLink
      to={`/account/sign-in?next=${encodeURIComponent(next)}`}
      className="sign-in-for-prices"
      data-testid="prices-hidden"
    >
      Sign in for prices
    </AppLink>
  );
}
