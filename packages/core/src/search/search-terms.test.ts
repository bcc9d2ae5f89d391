import { describe, expect, it } from 'vitest';
import { allowedTypos, editDistance } from './edit-distance.js';
import { fuzzyEligible, searchTerms } from './search-terms.js';

describe('searchTerms', () => {
  it('lowercases, trims punctuation around words and drops duplicates', () => {
    expect(searchTerms('  Hydraulic, PUMP (12V) pump! ')).toEqual({
      text: 'Hydraulic, PUMP (12V) pump!',
      tokens: ['hydraulic', 'pump', '12v'],
      advanced: false,
    });
  });

  it('keeps codes and sizes whole', () => {
    expect(searchTerms('HP-200 3/4 M8x20')?.tokens).toEqual(['hp-200', '3/4', 'm8x20']);
  });

  it('has nothing to search for in blanks and punctuation', () => {
    expect(searchTerms(undefined)).toBeNull();
    expect(searchTerms('   ')).toBeNull();
    expect(searchTerms(' -- / ')).toBeNull();
  });

  it('recognises web search syntax: phrases, excluded words, or', () => {
    expect(searchTerms('"gear pump"')?.advanced).toBe(true);
    expect(searchTerms('pump -gear')?.advanced).toBe(true);
    expect(searchTerms('pump or valve')?.advanced).toBe(true);
    expect(searchTerms('or pump')?.advanced).toBe(false);
    expect(searchTerms('T-shirt 10-20')?.advanced).toBe(false);
  });

  it('keeps at most 8 words and 200 characters', () => {
    expect(searchTerms('a b c d e f g h i j')?.tokens).toHaveLength(8);
    expect(searchTerms('x'.repeat(300))?.text).toHaveLength(200);
  });

  it('tolerates typos only in words of 4+ characters with letters', () => {
    expect(['pump', 'hydralic', 'nut', '12v', 'm8x20', 'hp-200'].map(fuzzyEligible)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions as one edit each', () => {
    expect(editDistance('hydralic', 'hydraulic')).toBe(1);
    expect(editDistance('elecrtic', 'electric')).toBe(1);
    expect(editDistance('gaskit', 'gasket')).toBe(1);
    expect(editDistance('glvoe', 'glove')).toBe(1);
    expect(editDistance('pump', 'pumps')).toBe(1);
    expect(editDistance('hydralic', 'hydraulics')).toBe(2);
    expect(editDistance('pump', 'pump')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('stops early beyond the limit', () => {
    expect(editDistance('valve', 'electrical', 1)).toBe(2);
    expect(editDistance('abcdef', 'badcfe', 2)).toBe(3);
  });

  it('allows one typo from 4 letters and two from 8, like Meilisearch', () => {
    expect(['nut', 'pump', 'hydraulic'].map(allowedTypos)).toEqual([0, 1, 2]);
  });
});
