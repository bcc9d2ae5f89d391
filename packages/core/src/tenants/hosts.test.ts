import { describe, expect, it } from 'vitest';
import { normalizeHost } from './hosts.js';

describe('normalizeHost', () => {
  it.each([
    ['acme.localhost', 'acme.localhost'],
    ['ACME.LocalHost', 'acme.localhost'],
    ['acme.localhost:3000', 'acme.localhost'],
    ['acme.localhost.', 'acme.localhost'],
    ['acme.localhost.:443', 'acme.localhost'],
    ['  shop.example.com  ', 'shop.example.com'],
    ['127.0.0.1:3000', '127.0.0.1'],
  ])('%j -> %j', (raw, expected) => expect(normalizeHost(raw)).toBe(expected));

  it.each([
    '',
    'acme.localhost..',
    '[::1]:3000',
    'acme..localhost',
    '-acme.localhost',
    'ac me.localhost',
    'acme.localhost:abc',
    'a_b.localhost',
  ])('rejects %j', (raw) => expect(normalizeHost(raw)).toBe(''));
});
