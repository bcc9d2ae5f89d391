import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMajorAmount, isKnownCurrency, parseMajorAmount } from './currency.js';

describe('currency amounts in major units', () => {
  it.each([
    ['2.50', 'EUR', 250],
    ['2.5', 'EUR', 250],
    ['2', 'EUR', 200],
    ['0.07', 'USD', 7],
    ['1200', 'JPY', 1200],
    ['1.234', 'KWD', 1234],
    ['007.10', 'EUR', 710],
  ])('reads %j %s as %d minor units', (text, currency, minor) => {
    expect(parseMajorAmount(text, currency)).toBe(minor);
  });

  it.each([
    ['2,50', 'EUR', /digits and a dot/],
    ['-1', 'EUR', /digits and a dot/],
    ['€2', 'EUR', /digits and a dot/],
    ['', 'EUR', /digits and a dot/],
    ['2.505', 'EUR', /EUR has 2 decimals/],
    ['12.5', 'JPY', /JPY has no minor unit/],
    ['99999999999999999999', 'EUR', /too large/],
  ])('refuses %j in %s', (text, currency, message) => {
    const result = parseMajorAmount(text, currency);
    expect(result).toEqual({ error: expect.stringMatching(message) });
  });

  it.each([
    [250, 'EUR', '2.50'],
    [7, 'USD', '0.07'],
    [0, 'EUR', '0.00'],
    [1200, 'JPY', '1200'],
    [1234, 'BHD', '1.234'],
  ])('writes %d %s as %j', (minor, currency, text) => {
    expect(formatMajorAmount(minor, currency)).toBe(text);
  });

  it('round-trips every amount in every exponent (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('EUR', 'JPY', 'KWD', 'CLF'),
        fc.integer({ min: 0, max: 1e12 }),
        (currency, minor) => parseMajorAmount(formatMajorAmount(minor, currency), currency) === minor,
      ),
    );
  });

  it('knows ISO 4217 codes and exponents', () => {
    expect(isKnownCurrency('EUR')).toBe(true);
    expect(isKnownCurrency('JPY')).toBe(true);
    expect(isKnownCurrency('ABC')).toBe(false);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('BHD')).toBe(3);
  });
});
