import { describe, expect, it } from 'vitest';
import { slugify } from './slugify.js';

describe('slugify', () => {
  it.each([
    ['Fasteners', 'fasteners'],
    ['Nuts & Bolts', 'nuts-bolts'],
    ['  Écrous, rondelles  ', 'ecrous-rondelles'],
    ['Straße 2000', 'strasse-2000'],
    ['--Pumps--', 'pumps'],
    ['日本', ''],
  ])('turns %j into %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('keeps slugs at most 80 characters without a trailing hyphen', () => {
    const slug = slugify(`${'a'.repeat(79)} b`);
    expect(slug).toBe('a'.repeat(79));
    expect(slugify('x'.repeat(200))).toHaveLength(80);
  });
});
