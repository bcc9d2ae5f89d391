import { describe, expect, it } from 'vitest';
import { addressBucket } from './rate-limit.js';

describe('addressBucket', () => {
  it('keeps IPv4 addresses, also IPv4-mapped IPv6 ones', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('::FFFF:203.0.113.7')).toBe('203.0.113.7');
  });

  it('groups IPv6 addresses by their /64, however they are written', () => {
    expect(addressBucket('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('leaves anything it cannot read as it is', () => {
    expect(addressBucket('not:an:address')).toBe('not:an:address');
    expect(addressBucket('unknown')).toBe('unknown');
  });
});
