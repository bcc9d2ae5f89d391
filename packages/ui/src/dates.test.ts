import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, fromLocalInput, toLocalInput, zoneAbbreviation } from './dates.js';

describe('dates in the marketplace time zone', () => {
  it('shows a moment in the zone, with the abbreviation of winter or summer time', () => {
    expect(formatDateTime('2026-12-06T13:05:00Z', 'Europe/Berlin')).toBe('6 Dec 2026, 14:05 CET');
    expect(formatDateTime('2026-07-01T13:05:00Z', 'Europe/Berlin')).toBe('1 Jul 2026, 15:05 CEST');
    expect(formatDateTime('2026-12-06T13:05:00Z', 'America/New_York')).toBe('6 Dec 2026, 08:05 EST');
    expect(formatDateTime('2026-12-06T13:05:00Z', 'Europe/London')).toBe('6 Dec 2026, 13:05 GMT');
    expect(formatDateTime('2026-12-06T13:05:00Z', 'UTC')).toBe('6 Dec 2026, 13:05 UTC');
    expect(zoneAbbreviation('2026-12-06T13:05:00Z', 'Asia/Tokyo')).toBe('GMT+9');
  });

  it('the day is the marketplace’s day, not UTC’s', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Berlin, still 31 Dec in New York.
    expect(formatDate('2026-12-31T23:30:00Z', 'Europe/Berlin')).toBe('1 Jan 2027');
    expect(formatDate('2026-12-31T23:30:00Z', 'America/New_York')).toBe('31 Dec 2026');
    expect(formatDate(new Date('2026-12-31T23:30:00Z'), 'UTC')).toBe('31 Dec 2026');
  });

  it('falls back to UTC for a zone that is not one', () => {
    expect(formatDateTime('2026-12-06T13:05:00Z', 'Mars/Olympus')).toBe('6 Dec 2026, 13:05 UTC');
  });

  it('reads and writes datetime-local values in the zone, across summer time', () => {
    expect(toLocalInput('2026-12-06T13:05:00Z', 'Europe/Berlin')).toBe('2026-12-06T14:05');
    expect(fromLocalInput('2026-12-06T14:05', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-12-06T13:05:00.000Z',
    );
    expect(fromLocalInput('2026-07-01T15:05', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-07-01T13:05:00.000Z',
    );
    expect(fromLocalInput('2026-07-01T09:00', 'America/New_York')?.toISOString()).toBe(
      '2026-07-01T13:00:00.000Z',
    );
    // Round trips on both sides of the change; the repeated hour (02:30 on 25 Oct) is its first time.
    for (const iso of ['2026-03-29T00:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-10-25T00:30:00.000Z'])
      expect(fromLocalInput(toLocalInput(iso, 'Europe/Berlin'), 'Europe/Berlin')?.toISOString()).toBe(iso);
    expect(fromLocalInput('2026-10-25T02:30', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    // 02:30 on 29 Mar does not exist in Berlin: an hour later (03:30 CEST).
    expect(fromLocalInput('2026-03-29T02:30', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(fromLocalInput('yesterday', 'Europe/Berlin')).toBeNull();
  });
});
