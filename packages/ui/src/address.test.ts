import { describe, expect, it } from 'vitest';
import { formatAddress } from './address.js';

describe('formatAddress', () => {
  it('prints street, postal code and city, region and country, leaving out what is empty', () => {
    expect(
      formatAddress({ line1: 'Hafen 2', line2: '', city: 'Hamburg', postalCode: '20457', country: 'DE' }),
    ).toBe('Hafen 2, 20457 Hamburg, DE');
    expect(
      formatAddress({
        line1: '1 Main St',
        line2: 'Suite 4',
        city: 'Austin',
        postalCode: '78701',
        region: 'TX',
        country: 'US',
      }),
    ).toBe('1 Main St, Suite 4, 78701 Austin, TX, US');
    expect(formatAddress({ line1: 'Dock 4' })).toBe('Dock 4');
  });
});
