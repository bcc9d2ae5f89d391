import { MAX_TIERS } from '@agora/contracts';
import { describe, expect, it } from 'vitest';
import {
  errorsOnRows,
  MIN_TIER_ROWS,
  parseTierRows,
  SPARE_TIER_ROWS,
  tierRowCount,
  tierValues,
} from './tier-rows.js';

/** `n` tiers from 10 units on, each 1.00 cheaper than the last. */
const tiers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ minQty: 10 * (i + 1), unitPriceMinor: 50_000 - 100 * i }));

describe('product editor tier rows', () => {
  it('keeps every tier of a product with MAX_TIERS tiers when the form is saved as loaded', () => {
    const values = tierValues(tiers(MAX_TIERS), 'EUR');
    expect(tierRowCount(values)).toBe(MAX_TIERS);
    expect(parseTierRows(values, 'EUR')).toMatchObject({ tiers: tiers(MAX_TIERS), fields: {} });
  });

  it('renders all existing tiers plus spare empty rows, at least MIN_TIER_ROWS and at most MAX_TIERS', () => {
    expect(tierRowCount({})).toBe(MIN_TIER_ROWS);
    expect(tierRowCount(tierValues(tiers(2), 'EUR'))).toBe(MIN_TIER_ROWS);
    expect(tierRowCount(tierValues(tiers(7), 'EUR'))).toBe(7 + SPARE_TIER_ROWS);
    expect(tierRowCount(tierValues(tiers(MAX_TIERS - 1), 'EUR'))).toBe(MAX_TIERS);
    // Rows up to the last filled one stay, even with blank rows before it (typed, not yet saved).
    expect(tierRowCount({ tierQty9: '500' })).toBe(10 + SPARE_TIER_ROWS);
    expect(tierRowCount({ tierPrice0: '  ' })).toBe(MIN_TIER_ROWS);
  });

  it('reads filled rows in order, skips blank ones and names a bad amount by the tier it becomes', () => {
    const parsed = parseTierRows(
      {
        tierQty0: '10',
        tierPrice0: '2.50',
        tierQty1: ' ',
        tierPrice1: '',
        tierQty12: '50',
        tierPrice12: 'two',
      },
      'EUR',
    );
    expect(parsed).toEqual({
      tiers: [
        { minQty: 10, unitPriceMinor: 250 },
        { minQty: 50, unitPriceMinor: 0 },
      ],
      rows: [0, 12],
      // On the row the vendor typed it in, not the tier's index.
      fields: { 'tiers.12.unitPriceMinor': 'Enter an amount like 12.50' },
    });
  });

  it("moves the API's tier errors to the form rows the tiers came from", () => {
    // Rows 0, 2 and 5 filled: the API's tier 1 is form row 2, its tier 2 is row 5.
    expect(
      errorsOnRows(
        {
          'tiers.1.unitPriceMinor': 'must not be above the price for fewer units',
          'tiers.2.minQty': 'duplicates the bound 50 of another tier',
          tiers: 'at most 20 tiers',
          title: 'is required',
        },
        [0, 2, 5],
      ),
    ).toEqual({
      'tiers.2.unitPriceMinor': 'must not be above the price for fewer units',
      'tiers.5.minQty': 'duplicates the bound 50 of another tier',
      tiers: 'at most 20 tiers',
      title: 'is required',
    });
  });

  it('shows amounts in the currency’s own digits', () => {
    expect(tierValues([{ minQty: 5, unitPriceMinor: 1500 }], 'JPY')).toEqual({
      tierQty0: '5',
      tierPrice0: '1500',
    });
    expect(parseTierRows({ tierQty0: '5', tierPrice0: '1500' }, 'JPY').tiers).toEqual([
      { minQty: 5, unitPriceMinor: 1500 },
    ]);
  });
});
