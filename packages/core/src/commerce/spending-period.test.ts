import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkSpendingLimit,
  localDate,
  periodBounds,
  type SpendingPeriod,
  startOfLocalDay,
} from './spending-period.js';

const iso = (d: Date) => d.toISOString();

describe('calendar periods in the marketplace time zone, by example', () => {
  it('a month in Berlin starts at local midnight, whatever UTC says', () => {
    // 31 March 23:30 UTC is already 1 April in Berlin (summer time, UTC+2)
    const b = periodBounds('month', new Date('2026-03-31T23:30:00Z'), 'Europe/Berlin');
    expect(iso(b.start)).toBe('2026-03-31T22:00:00.000Z');
    expect(iso(b.end)).toBe('2026-04-30T22:00:00.000Z');
  });

  it('a week runs Monday to Monday, across the change to daylight saving time', () => {
    // Sunday 29 March 2026 is the switch in Europe: the week is 167 hours long
    const b = periodBounds('week', new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin');
    expect(iso(b.start)).toBe('2026-03-22T23:00:00.000Z');
    expect(iso(b.end)).toBe('2026-03-29T22:00:00.000Z');
  });

  it('quarters start in January, April, July and October', () => {
    const b = periodBounds('quarter', new Date('2026-08-15T00:00:00Z'), 'America/New_York');
    expect(iso(b.start)).toBe('2026-07-01T04:00:00.000Z');
    expect(iso(b.end)).toBe('2026-10-01T04:00:00.000Z');
    const dec = periodBounds('quarter', new Date('2026-12-31T12:00:00Z'), 'UTC');
    expect(iso(dec.end)).toBe('2027-01-01T00:00:00.000Z');
  });

  it('a day whose midnight is skipped begins at the first instant that exists', () => {
    // Chile moved its clocks from 00:00 (UTC-4) to 01:00 (UTC-3) on Sunday 7 September 2025
    expect(iso(startOfLocalDay({ year: 2025, month: 9, day: 7 }, 'America/Santiago'))).toBe(
      '2025-09-07T04:00:00.000Z',
    );
    // and the week around it is six days and 23 hours long
    const b = periodBounds('week', new Date('2025-09-07T12:00:00Z'), 'America/Santiago');
    expect(b.end.getTime() - b.start.getTime()).toBe((7 * 24 - 1) * 3_600_000);
  });
});

const zones = fc.constantFrom(
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/Santiago',
  'Australia/Lord_Howe', // half-hour daylight saving
  'Pacific/Kiritimati', // UTC+14
  'Pacific/Pago_Pago', // UTC-11
  'Asia/Kathmandu', // UTC+5:45
);
const periods = fc.constantFrom<SpendingPeriod>('week', 'month', 'quarter');
const instants = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2040-12-31T00:00:00Z'),
  noInvalidDate: true,
});

describe('calendar periods, for any instant and zone', () => {
  it('contain the instant, begin on a local period start, and tile time with no gap or overlap', () => {
    fc.assert(
      fc.property(periods, instants, zones, (period, at, zone) => {
        const { start, end } = periodBounds(period, at, zone);
        expect(start.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(end.getTime()).toBeGreaterThan(at.getTime());
        // the next period starts where this one ends; the instant before the start is in the previous one
        expect(periodBounds(period, end, zone).start.getTime()).toBe(end.getTime());
        expect(periodBounds(period, new Date(start.getTime() - 1000), zone).end.getTime()).toBe(
          start.getTime(),
        );
        const first = localDate(start, zone);
        const lastSecond = localDate(new Date(start.getTime() - 1000), zone);
        expect(first).not.toEqual(lastSecond); // a local day boundary
        if (period === 'week')
          expect(new Date(Date.UTC(first.year, first.month - 1, first.day)).getUTCDay()).toBe(1);
        else expect(first.day).toBe(1);
        if (period === 'quarter') expect([1, 4, 7, 10]).toContain(first.month);
      }),
      { numRuns: 300 },
    );
  });
});

describe('spending limits', () => {
  it('lets an order through up to the limit exactly and reports the excess beyond it', () => {
    expect(checkSpendingLimit(100_000, 60_000, 40_000)).toEqual({ ok: true, remainingMinor: 0 });
    expect(checkSpendingLimit(100_000, 60_000, 40_001)).toEqual({
      ok: false,
      limitMinor: 100_000,
      spentMinor: 60_000,
      orderMinor: 40_001,
      overByMinor: 1,
    });
    expect(checkSpendingLimit(null, 10 ** 12, 10 ** 12).ok).toBe(true);
  });
});
