import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.js';

const FALLBACK = '/console';

describe('safeNext', () => {
  it.each([
    ['/console/products', '/console/products'],
    ['/console/products?status=draft&q=a%20b', '/console/products?status=draft&q=a%20b'],
    ['/console#team', '/console#team'],
    ['/', '/'],
    ['/console/../console/team', '/console/team'],
  ])('keeps the same-site path %s', (next, expected) => {
    expect(safeNext(next, FALLBACK)).toBe(expected);
  });

  it.each([
    ['protocol-relative', '//evil.example/'],
    ['backslash after the slash', '/\\evil.example/'],
    ['two backslashes', '/\\\\evil.example'],
    ['backslash first', '\\\\evil.example'],
    ['tab between slashes', '/\t/evil.example'],
    ['encoded tab between slashes', '/%09/evil.example'],
    ['newline between slashes', '/\n/evil.example'],
    ['carriage return between slashes', '/\r/evil.example'],
    ['encoded newline', '/%0a/evil.example'],
    ['NUL', '/console\u0000'],
    ['encoded backslash', '/%5Cevil.example'],
    ['encoded backslashes', '/%5C%5Cevil.example'],
    ['encoded slash', '/%2Fevil.example'],
    ['encoded double slash', '/%2F%2Fevil.example'],
    ['backslash later in the path', '/console\\..\\\\evil.example'],
    ['absolute URL', 'https://evil.example/'],
    ['scheme-relative with scheme', 'http:/evil.example'],
    ['javascript URL', 'javascript:alert(1)'],
    ['bad percent-encoding', '/console/%E0%A4%A'],
    ['empty', ''],
    ['relative path', 'console'],
    ['dot-dot to a protocol-relative path', '/.//evil.example'],
    ['DEL character', '/\u007f/evil.example'],
  ])('refuses %s', (_, next) => {
    expect(safeNext(next, FALLBACK)).toBe(FALLBACK);
  });

  it('refuses anything that is not a string', () => {
    expect(safeNext(null, FALLBACK)).toBe(FALLBACK);
    expect(safeNext(new File(['/console'], 'x'), FALLBACK)).toBe(FALLBACK);
  });
});
