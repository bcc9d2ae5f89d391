import { describe, expect, it } from 'vitest';
import { checkFieldsMessage, fieldLabel, statusLabel } from './labels.js';

describe('labels', () => {
  it('says field paths in words, numbering list items from 1', () => {
    expect(fieldLabel('tiers.1.unitPriceMinor')).toBe('tier 2 unit price');
    expect(fieldLabel('attributes.0.name')).toBe('attribute 1 name');
    expect(fieldLabel('basePriceMinor')).toBe('list price');
    expect(fieldLabel('someNewField')).toBe('some new field');
  });

  it('joins the fields of one refusal into a sentence', () => {
    expect(checkFieldsMessage('product', ['tiers.1.unitPriceMinor', 'currency', 'currency'])).toBe(
      'Please check the product: tier 2 unit price and currency.',
    );
  });

  it('says statuses as words, never with underscores', () => {
    expect(statusLabel('pending_review')).toBe('waiting for review');
    expect(statusLabel('info_requested')).toBe('information requested');
    expect(statusLabel('some_future_state')).toBe('some future state');
    expect(statusLabel('pending', 'vendor')).toBe('waiting for review');
    expect(statusLabel('pending')).toBe('pending');
  });
});
