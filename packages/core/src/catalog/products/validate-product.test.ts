import { ProductBody } from '@agora/contracts';
import { describe, expect, it } from 'vitest';
import { productRuleIssues } from './validate-product.js';

const product = (over: Record<string, unknown> = {}) =>
  ProductBody.parse({
    sku: 'B-1',
    title: 'Hex bolt M8',
    unit: 'piece',
    currency: 'EUR',
    basePriceMinor: 100,
    minOrderQty: 10,
    tiers: [
      { minQty: 10, unitPriceMinor: 100 },
      { minQty: 100, unitPriceMinor: 80 },
    ],
    attributes: [{ name: 'Material', value: 'Steel' }],
    ...over,
  });

describe('productRuleIssues', () => {
  it('accepts a consistent product', () => {
    expect(productRuleIssues(product())).toEqual([]);
  });

  it('names an unknown currency', () => {
    expect(productRuleIssues(product({ currency: 'ABC' }))).toEqual([
      { path: 'currency', message: 'ABC is not an ISO 4217 currency code' },
    ]);
  });

  it('names a repeated attribute, whatever its case', () => {
    const issues = productRuleIssues(
      product({
        attributes: [
          { name: 'Material', value: 'Steel' },
          { name: 'material', value: 'Brass' },
        ],
      }),
    );
    expect(issues.map((i) => i.path)).toEqual(['attributes.1.name']);
  });

  it('reports tier problems by tier index and field', () => {
    const issues = productRuleIssues(
      product({
        tiers: [
          { minQty: 10, unitPriceMinor: 90 },
          { minQty: 50, unitPriceMinor: 95 },
          { minQty: 50, unitPriceMinor: 80 },
        ],
      }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['tiers.1.unitPriceMinor', 'tiers.2.minQty']);
  });

  it('wants the first tier at the minimum order quantity', () => {
    const issues = productRuleIssues(product({ tiers: [{ minQty: 5, unitPriceMinor: 90 }] }));
    expect(issues).toEqual([
      { path: 'tiers.0.minQty', message: expect.stringMatching(/minimum order quantity \(10\)/) },
    ]);
  });
});
