/**
 * Spending limits count a member's orders per calendar period in the marketplace's time zone:
 * a week runs Monday 00:00 to the next Monday 00:00 local time, a month and a quarter from
 * their first day's 00:00. Bounds are instants (UTC), so "placed in the period" is one indexed
 * range test, `start <= placed_at < end`, and daylight saving changes move nothing.
 */
import type { SpendingPeriod } from '@agora/contracts';

export type { SpendingPeriod };

type LocalDate = { year: number; month: number; day: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date of an instant in a zone. */
export function localDate(at: Date, timeZone: string): LocalDate {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

const dateKey = (d: LocalDate) => d.year * 10_000 + d.month * 100 + d.day;

/**
 * The instant a local date begins in a zone: the first second whose local date is that date.
 * Found by bisection over the two days around it (every zone is within UTC-12..+14), so a
 * midnight skipped by daylight saving (the day then begins at 01:00) needs no special case.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const target = dateKey(date);
  let lo = Date.UTC(date.year, date.month - 1, date.day) / 1000 - 15 * 3600; // local date before it
  let hi = lo + 30 * 3600; // local date at or after it
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (dateKey(localDate(new Date(mid * 1000), timeZone)) >= target) hi = mid;
    else lo = mid;
  }
  return new Date(hi * 1000);
}

function addDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** The period containing `at`: `[start, end)` as instants. */
export function periodBounds(period: SpendingPeriod, at: Date, timeZone: string): { start: Date; end: Date } {
  const today = localDate(at, timeZone);
  let first: LocalDate;
  let next: LocalDate;
  if (period === 'week') {
    // ISO weeks start on Monday: getUTCDay() is 0 for Sunday.
    const weekday = (new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() + 6) % 7;
    first = addDays(today, -weekday);
    next = addDays(first, 7);
  } else {
    const months = period === 'month' ? 1 : 3;
    const month = period === 'month' ? today.month : Math.floor((today.month - 1) / 3) * 3 + 1;
    first = { year: today.year, month, day: 1 };
    const after = new Date(Date.UTC(today.year, month - 1 + months, 1));
    next = { year: after.getUTCFullYear(), month: after.getUTCMonth() + 1, day: 1 };
  }
  return { start: startOfLocalDay(first, timeZone), end: startOfLocalDay(next, timeZone) };
}

export type SpendingDecision =
  | { ok: true; remainingMinor: number }
  | { ok: false; limitMinor: number; spentMinor: number; orderMinor: number; overByMinor: number };

/**
 * Whether an order fits a member's limit, given what the member already spent in the period
 * (orders placed in it and not cancelled). No limit: always fits.
 */
export function checkSpendingLimit(
  limitMinor: number | null,
  spentMinor: number,
  orderMinor: number,
): SpendingDecision {
  if (limitMinor === null) return { ok: true, remainingMinor: Number.POSITIVE_INFINITY };
  const after = spentMinor + orderMinor;
  if (after <= limitMinor) return { ok: true, remainingMinor: limitMinor - after };
  return { ok: false, limitMinor, spentMinor, orderMinor, overByMinor: after - limitMinor };
}
