import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { addressBucket, clientAddress } from './rate-limit.js';

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

describe('clientAddress', () => {
  /** What the middleware would read for a request from `socket` with these headers. */
  const read = async (hops: number, socket: string | null, headers: Record<string, string> = {}) => {
    const app = new Hono().get('/', (c) => c.text(clientAddress(c, hops)));
    const bindings = socket ? { incoming: { socket: { remoteAddress: socket } } } : undefined;
    return (await app.request('/', { headers }, bindings)).text();
  };

  it('uses the socket address and ignores X-Forwarded-For when no proxy is trusted', async () => {
    expect(await read(0, '198.51.100.9', { 'x-forwarded-for': '203.0.113.7' })).toBe('198.51.100.9');
  });

  it('takes the address the trusted proxy appended, not what the client wrote before it', async () => {
    // The client sent "X-Forwarded-For: 1.2.3.4" itself; the proxy appended the real address.
    expect(await read(1, '10.0.0.2', { 'x-forwarded-for': '1.2.3.4, 203.0.113.7' })).toBe('203.0.113.7');
    expect(await read(2, '10.0.0.3', { 'x-forwarded-for': '1.2.3.4, 203.0.113.7, 10.0.0.2' })).toBe(
      '203.0.113.7',
    );
    expect(await read(1, '10.0.0.2', { 'x-forwarded-for': ' 2001:db8:1:2::5 ' })).toBe('2001:db8:1:2::/64');
  });

  it('falls back to the socket without the header, and to one shared bucket without a socket', async () => {
    expect(await read(1, '10.0.0.2')).toBe('10.0.0.2');
    expect(await read(1, null)).toBe('unknown');
    expect(await read(0, null, { 'x-forwarded-for': '203.0.113.7' })).toBe('unknown');
  });
});
