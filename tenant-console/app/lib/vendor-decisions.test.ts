import type { VendorStatus } from '@agora/contracts';
import { describe, expect, it } from 'vitest';
import { decisionsFor, isDecision } from './vendor-decisions.js';

describe('vendor decisions offered in the console', () => {
  it('offers exactly the decisions the server allows for each status', () => {
    const unverified = (status: VendorStatus) => decisionsFor({ status, verified: false });
    expect(unverified('pending')).toEqual(['approve', 'request-info', 'reject']);
    // Asked for information and never answered: the operator can still reject.
    expect(unverified('info_requested')).toEqual(['reject']);
    // Approved automatically, documents not reviewed yet.
    expect(unverified('approved')).toEqual(['verify', 'suspend']);
    expect(decisionsFor({ status: 'approved', verified: true })).toEqual(['suspend']);
    // Nothing to review: verifying is refused by the API, so not offered.
    expect(decisionsFor({ status: 'approved', verified: false, documents: [] })).toEqual(['suspend']);
    expect(unverified('suspended')).toEqual(['reinstate']);
    expect(unverified('rejected')).toEqual([]);
  });

  it('accepts only known decisions from a posted form', () => {
    expect(isDecision('request-info')).toBe(true);
    expect(isDecision('resubmit')).toBe(false);
    expect(isDecision('toString')).toBe(false);
  });
});
