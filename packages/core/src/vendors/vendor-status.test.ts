import { VENDOR_ACTIONS, VENDOR_STATUSES, type VendorAction, type VendorStatus } from '@agora/contracts';
import { describe, expect, it } from 'vitest';
import { canTransition, nextVendorStatus } from './vendor-status.js';

const ALLOWED: [VendorStatus, VendorAction, VendorStatus][] = [
  ['pending', 'approve', 'approved'],
  // Verifying (documents reviewed) changes no status; only approved vendors are verified.
  ['approved', 'verify', 'approved'],
  ['pending', 'reject', 'rejected'],
  // A vendor asked for more information that never answers can still be turned down.
  ['info_requested', 'reject', 'rejected'],
  ['pending', 'request_info', 'info_requested'],
  ['info_requested', 'resubmit', 'pending'],
  ['approved', 'suspend', 'suspended'],
  ['suspended', 'reinstate', 'approved'],
];

describe('vendor status machine', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, action, to) => {
    expect(canTransition(from, action)).toBe(true);
    expect(nextVendorStatus(from, action)).toBe(to);
  });

  it('refuses every other pair with 409 invalid_state naming the allowed statuses', () => {
    let refused = 0;
    for (const status of VENDOR_STATUSES) {
      for (const action of VENDOR_ACTIONS) {
        if (ALLOWED.some(([f, a]) => f === status && a === action)) continue;
        expect(canTransition(status, action)).toBe(false);
        expect(() => nextVendorStatus(status, action)).toThrow(
          expect.objectContaining({ code: 'invalid_state', status: 409 }),
        );
        refused++;
      }
    }
    expect(refused).toBe(VENDOR_STATUSES.length * VENDOR_ACTIONS.length - ALLOWED.length);
    expect(() => nextVendorStatus('approved', 'approve')).toThrow(
      'This vendor is approved; only pending vendors can be approved',
    );
  });

  it('keeps rejection final: nothing leads out of rejected', () => {
    expect(VENDOR_ACTIONS.filter((a) => canTransition('rejected', a))).toEqual([]);
  });
});
