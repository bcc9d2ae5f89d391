import { localDate, startOfLocalDay } from '../commerce/spending-period.js';

/** `YYYY-MM-DD` days of the marketplace's calendar, as instants and back. */
const parse = (day: string) => {
  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  return { year, month, day: dayOfMonth };
};

/** The instant a marketplace day begins. */
export const dayStart = (day: string, timeZone: string): Date => startOfLocalDay(parse(day), timeZone);

/** The instant the day after `day` begins (an exclusive upper bound). */
export function dayEnd(day: string, timeZone: string): Date {
  const d = parse(day);
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return startOfLocalDay(
    { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() },
    timeZone,
  );
}

/** The marketplace day of an instant. */
export function dayOf(at: Date, timeZone: string): string {
  const d = localDate(at, timeZone);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** `day` plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  const d = parse(day);
  return new Date(Date.UTC(d.year, d.month - 1, d.day + n)).toISOString().slice(0, 10);
}
