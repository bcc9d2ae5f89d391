import { z } from 'zod';

/**
 * Buying: companies, carts, checkout and orders (ADR 0033). Amounts are integer minor units,
 * rates integer basis points.
 */

const Minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code in capitals, like EUR');

/** How a company pays: bank transfer in advance, or invoice payable in `netDays`. */
export const PaymentTerms = z.enum(['prepay', 'net']);
export type PaymentTerms = z.infer<typeof PaymentTerms>;

export const SpendingPeriod = z.enum(['week', 'month', 'quarter']);
export type SpendingPeriod = z.infer<typeof SpendingPeriod>;

/** A vendor's shipping in one currency: flat per order, free from an order subtotal on. */
export const ShippingRate = z.object({ flatMinor: Minor, freeFromMinor: Minor.nullable() });
export type ShippingRate = z.infer<typeof ShippingRate>;

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/**
 * The marketplace's trading rules, kept in `settings.marketplace` beside the vendor rules:
 * its currency (spending limits count in it), one tax rate and the time zone calendar periods
 * are counted in.
 */
export const CommerceSettings = z.object({
  currency: Currency,
  taxBps: z.number().int().min(0, 'must be 0 or more').max(10_000, 'must be at most 100%'),
  timeZone: z.string().refine(isTimeZone, 'must be a time zone like Europe/Berlin'),
});
export type CommerceSettings = z.infer<typeof CommerceSettings>;
export const DEFAULT_COMMERCE_SETTINGS: CommerceSettings = { currency: 'EUR', taxBps: 0, timeZone: 'UTC' };

/** A checkout of the buyer's cart lines in one currency. */
export const PlaceCheckoutBody = z.object({
  currency: Currency,
  shippingAddressId: z.string().min(1, 'choose a shipping address').max(64),
  poNumber: z.string().trim().max(64, 'must be at most 64 characters').optional(),
  /** A note to each vendor, by vendor id. */
  notes: z
    .record(z.string().max(64), z.string().trim().max(2000, 'must be at most 2,000 characters'))
    .optional(),
  /** The total the buyer was shown; a different total at placement refuses the checkout. */
  expectedTotalMinor: Minor.optional(),
});
export type PlaceCheckoutBody = z.infer<typeof PlaceCheckoutBody>;
