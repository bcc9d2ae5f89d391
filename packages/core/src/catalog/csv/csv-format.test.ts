import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMN_REFERENCE } from './csv-columns.js';
import { CSV_COLUMNS, type CsvLayout, parseCsvRow, productCsvRow, readHeader } from './csv-format.js';
import { catalogCsvTemplate } from './csv-template.js';

const layout = readHeader([...CSV_COLUMNS]) as CsvLayout;
const row = (over: Partial<Record<(typeof CSV_COLUMNS)[number], string>> = {}) => {
  const base: Record<string, string> = {
    sku: 'B-1',
    title: 'Hex bolt',
    description: '',
    category_slug: '',
    unit: 'piece',
    min_order_qty: '10',
    order_increment: '',
    lead_time_days: '',
    stock_qty: '',
    currency: 'EUR',
    base_price: '2.50',
    tiers: '10:2.50|100:2.00',
    attributes: 'Material=Steel|Thread=M8',
    status: '',
  };
  return CSV_COLUMNS.map((c) => over[c] ?? base[c] ?? '');
};

describe('readHeader', () => {
  it('accepts the columns in any order and any case', () => {
    const header = [...CSV_COLUMNS].reverse().map((c) => c.toUpperCase());
    const result = readHeader(header) as CsvLayout;
    expect(result.sku).toBe(CSV_COLUMNS.length - 1);
    expect(result.status).toBe(0);
  });

  it('names missing, unknown and repeated columns', () => {
    const result = readHeader(['sku', 'sku', 'title', 'colour']);
    expect(result).toEqual({ error: expect.stringMatching(/missing columns description, category_slug/) });
    expect((result as { error: string }).error).toMatch(/unknown column colour/);
    expect((result as { error: string }).error).toMatch(/repeated column sku/);
  });
});

describe('the column reference the console shows', () => {
  it('lists exactly the columns the importer reads, and its examples together make a valid row', () => {
    expect(readHeader(CSV_COLUMN_REFERENCE.map((c) => c.name))).not.toHaveProperty('error');
    const result = parseCsvRow(
      CSV_COLUMN_REFERENCE.map((c) => c.example),
      layout,
    );
    expect(result).toMatchObject({ ok: true, value: { categorySlug: 'fasteners', status: 'draft' } });
  });

  it('marks as required exactly the columns a row cannot leave empty', () => {
    for (const column of CSV_COLUMN_REFERENCE) {
      const result = parseCsvRow(row({ [column.name]: '', tiers: '' }), layout);
      expect({ column: column.name, rejected: !result.ok }).toEqual({
        column: column.name,
        rejected: column.required,
      });
    }
  });
});

describe('parseCsvRow', () => {
  it('reads a full row, converting major units by the currency exponent', () => {
    const result = parseCsvRow(
      row({ description: 'Two\nlines', stock_qty: '500', status: 'published' }),
      layout,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        categorySlug: null,
        status: 'published',
        product: expect.objectContaining({
          sku: 'B-1',
          description: 'Two\nlines',
          minOrderQty: 10,
          orderIncrement: 1,
          leadTimeDays: 0,
          stockQty: 500,
          basePriceMinor: 250,
          tiers: [
            { minQty: 10, unitPriceMinor: 250 },
            { minQty: 100, unitPriceMinor: 200 },
          ],
          attributes: [
            { name: 'Material', value: 'Steel' },
            { name: 'Thread', value: 'M8' },
          ],
        }),
      },
    });
  });

  it('uses whole amounts for JPY', () => {
    const result = parseCsvRow(
      row({ currency: 'JPY', base_price: '1200', tiers: '10:1200|100:1000' }),
      layout,
    );
    expect(result.ok && result.value.product.tiers).toEqual([
      { minQty: 10, unitPriceMinor: 1200 },
      { minQty: 100, unitPriceMinor: 1000 },
    ]);
    const bad = parseCsvRow(row({ currency: 'JPY', base_price: '12.50', tiers: '' }), layout);
    expect(bad).toEqual({
      ok: false,
      errors: [{ field: 'base_price', message: 'JPY has no minor unit; use a whole amount' }],
    });
  });

  it('reports every problem by column, tiers by their number', () => {
    const result = parseCsvRow(
      row({
        sku: '',
        min_order_qty: 'ten',
        currency: 'EURO',
        tiers: '10:2.50|100:2.80|abc',
        attributes: 'Material',
        status: 'live',
      }),
      layout,
    );
    expect(result.ok).toBe(false);
    const fields = (result as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['attributes', 'currency', 'min_order_qty', 'sku', 'status', 'tiers']);
  });

  it('applies the tier rules of the API, naming the tier', () => {
    const result = parseCsvRow(row({ tiers: '10:2.50|100:2.80' }), layout);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'tiers',
          message: expect.stringMatching(/^tier 2 \(from 100\): the price must not be above/),
        },
      ],
    });
    const first = parseCsvRow(row({ tiers: '5:2.50' }), layout);
    expect(first).toEqual({
      ok: false,
      errors: [
        {
          field: 'tiers',
          message: expect.stringMatching(/^tier 1 \(from 5\): the quantity .*minimum order quantity \(10\)/),
        },
      ],
    });
  });

  it('checks the currency against ISO 4217', () => {
    const result = parseCsvRow(row({ currency: 'XYZ' }), layout);
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'currency', message: 'XYZ is not an ISO 4217 currency code' }],
    });
  });
});

describe('export rows', () => {
  it('round-trip through the parser, formula-looking text included', () => {
    const product = {
      sku: '-SKU',
      title: '=SUM(A1)',
      description: 'Line one\nline "two", three',
      unit: 'box of 100',
      minOrderQty: 10,
      orderIncrement: 5,
      leadTimeDays: 7,
      stockQty: 1000,
      currency: 'EUR',
      basePriceMinor: 250,
      attributes: [{ name: 'Material', value: 'Steel' }],
      status: 'published' as const,
    };
    const tiers = [
      { minQty: 10, unitPriceMinor: 250 },
      { minQty: 100, unitPriceMinor: 199 },
    ];
    const cells = productCsvRow(product, tiers, 'fasteners');
    expect(cells[1]).toBe("'=SUM(A1)");
    expect(cells[11]).toBe('10:2.50|100:1.99');
    const back = parseCsvRow(cells, layout);
    expect(back).toEqual({
      ok: true,
      value: {
        categorySlug: 'fasteners',
        status: 'published',
        product: {
          ...product,
          status: undefined,
          categoryId: 'fasteners',
          tiers,
        },
      },
    });
  });

  it('has a template whose rows are valid', () => {
    const [header, ...rows] = parse(catalogCsvTemplate()) as string[][];
    const l = readHeader(header as string[]) as CsvLayout;
    for (const r of rows) expect(parseCsvRow(r, l).ok).toBe(true);
  });
});
