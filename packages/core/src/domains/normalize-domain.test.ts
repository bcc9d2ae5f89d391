import { loadConfig } from '@agora/config';
import { describe, expect, it } from 'vitest';
import { isApexDomain, normalizeDomain, platformDomainProblem } from './normalize-domain.js';

describe('normalizeDomain', () => {
  it('lowercases, drops one trailing dot and trims', () => {
    expect(normalizeDomain('  Shop.Acme-Corp.COM. ')).toBe('shop.acme-corp.com');
  });

  it('turns international names into punycode', () => {
    expect(normalizeDomain('Bücher.Example')).toBe('xn--bcher-kva.example');
    expect(normalizeDomain('xn--bcher-kva.example')).toBe('xn--bcher-kva.example');
  });

  it.each([
    ['', 'empty'],
    ['localhost', 'one label'],
    ['http://shop.example.com', 'a URL'],
    ['shop.example.com/path', 'a path'],
    ['shop.example.com:8443', 'a port'],
    ['*.example.com', 'a wildcard'],
    ['192.168.1.10', 'an IPv4 address'],
    ['shop..example.com', 'an empty label'],
    ['-shop.example.com', 'a label starting with a hyphen'],
    ['shop_1.example.com', 'an underscore'],
    [`${'a'.repeat(64)}.example.com`, 'a label over 63 characters'],
    [`${'abcdefghi.'.repeat(26)}com`, 'over 253 characters'],
    ['shop example.com', 'a space'],
  ])('refuses %j (%s)', (raw) => {
    expect(normalizeDomain(raw)).toBe('');
  });

  it('knows an apex from a subdomain', () => {
    expect(isApexDomain('example.com')).toBe(true);
    expect(isApexDomain('shop.example.com')).toBe(false);
  });
});

describe('platformDomainProblem', () => {
  const config = loadConfig({
    NODE_ENV: 'production',
    AGORA_JWT_KEYS: `k1:${'s'.repeat(40)}`,
    BASE_DOMAIN: 'agora-shops.com',
    PLATFORM_HOST: 'admin.agora.io',
    AGORA_DOMAIN_TARGET: 'edge.agora-cdn.net',
  });

  it.each([
    'agora-shops.com',
    'acme.agora-shops.com',
    'deep.acme.agora-shops.com',
    'admin.agora.io',
    'x.admin.agora.io',
    'edge.agora-cdn.net',
  ])('refuses the platform name %s', (name) => {
    expect(platformDomainProblem(config, name)).toMatch(/platform's own names/);
  });

  it.each(['shop.acme-corp.com', 'acme-corp.com', 'notagora-shops.com', 'agora.io'])('accepts %s', (name) => {
    expect(platformDomainProblem(config, name)).toBeNull();
  });
});
