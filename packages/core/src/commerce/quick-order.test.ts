import { describe, expect, it } from 'vitest';
import { parseQuickOrder } from './quick-order.js';

describe('parseQuickOrder', () => {
  it('reads SKU, quantity and an optional vendor, numbering lines as the text does', () => {
    expect(parseQuickOrder('sku,quantity\r\nA-1, 100\n\n"B,2", 5, Beta Fasteners\n')).toEqual([
      { line: 2, text: 'A-1, 100', sku: 'A-1', qty: '100', vendor: '' },
      { line: 4, text: '"B,2", 5, Beta Fasteners', sku: 'B,2', qty: '5', vendor: 'Beta Fasteners' },
    ]);
  });

  it('takes the delimiter the first line uses: semicolons (spreadsheets in many locales) or tabs', () => {
    expect(parseQuickOrder('A-1;100\nB-2;7').map((l) => [l.sku, l.qty])).toEqual([
      ['A-1', '100'],
      ['B-2', '7'],
    ]);
    expect(parseQuickOrder('A-1\t100').map((l) => [l.sku, l.qty])).toEqual([['A-1', '100']]);
  });

  it('keeps a line whose quantity is missing or not a number, for the caller to report', () => {
    expect(parseQuickOrder('\uFEFFA-1\nB-2, two').map((l) => [l.line, l.sku, l.qty])).toEqual([
      [1, 'A-1', ''],
      [2, 'B-2', 'two'],
    ]);
  });

  it('does not take a first line with a SKU-like word and a number for a header', () => {
    expect(parseQuickOrder('SKU-9, 10').map((l) => l.sku)).toEqual(['SKU-9']);
  });
});
