import { describe, expect, it } from 'vitest';
import { formatBps, formatMoney, minorToInput, parseMoney } from './money.js';

describe('money in forms and on pages', () => {
  it('parses amounts exactly into minor units, by currency', () => {
    expect(parseMoney('2.50', 'EUR')).toBe(250);
    expect(parseMoney('2.5', 'EUR')).toBe(250);
    expect(parseMoney('0.07', 'USD')).toBe(7);
    expect(parseMoney('19.99', 'USD')).toBe(1999);
    expect(parseMoney('1200', 'JPY')).toBe(1200);
    for (const bad of ['', '2,50', '-1', '1.234', 'abc', '1.5e3']) expect(parseMoney(bad, 'EUR')).toBeNull();
    expect(parseMoney('12.5', 'JPY')).toBeNull();
  });

  it('round-trips what the form shows', () => {
    for (const minor of [0, 7, 250, 1999, 123456789])
      expect(parseMoney(minorToInput(minor, 'EUR'), 'EUR')).toBe(minor);
  });

  it('formats for people', () => {
    expect(formatMoney(250, 'EUR')).toBe('€2.50');
    expect(formatMoney(1200, 'JPY')).toBe('¥1,200');
    expect(formatBps(2000)).toBe('20%');
    expect(formatBps(1666)).toBe('16.7%');
  });
});
