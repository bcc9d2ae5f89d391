import { describe, expect, it } from 'vitest';
import { decisionsFor, isDecision } from './vendor-decisions.js';

describe('vendor decisions offered in the console', () => {
  it('offers exactly the decisions the server allows for each status', () => {
    expect(decisionsFor('pending')).toEqual(['approve', 'request-info', 'reject']);
    // Asked for information and never answered: the operator can still reject.
    expect(decisionsFor('info_requested')).toEqual(['reject']);
    expect(decisionsFor('approved')).toEqual(['suspend']);
    expect(decisionsFor('suspended')).toEqual(['reinstate']);
    expect(decisionsFor('rejected')).toEqual([]);
  });

  it('accepts only known decisions from a posted form', () => {
    expect(isDecision('request-info')).toBe(true);
    expect(isDecision('resubmit')).toBe(false);
    expect(isDecision('toString')).toBe(false);
  });
});
