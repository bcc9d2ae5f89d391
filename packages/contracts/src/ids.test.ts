import { describe, expect, it } from 'vitest';
import { newId, randomId } from './ids.js';

describe('randomId', () => {
  it('gives ids of the asked length in the base32 alphabet, none repeated across many pool refills', () => {
    const ids = Array.from({ length: 20_000 }, () => randomId()); // 320,000 bytes: 78 refills
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^[0-9a-hjkmnp-tv-z]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(newId('ord')).toMatch(/^ord_[0-9a-hjkmnp-tv-z]{16}$/);
  });

  it('serves lengths that straddle a refill or exceed the pool', () => {
    const lengths = [1, 7, 24, 4_095, 4_096, 5_000, 16];
    for (const n of lengths) expect(randomId(n)).toHaveLength(n);
  });

  it('uses every character about as often (each one 1/32 of a large sample, within 10%)', () => {
    const counts = new Map<string, number>();
    for (const c of randomId(64_000)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(32);
    for (const n of counts.values()) expect(Math.abs(n - 2_000)).toBeLessThan(200);
  });
});
