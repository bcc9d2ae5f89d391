import type { VendorAction, VendorStatus } from './vendors.js';

/**
 * The vendor lifecycle as data: for each action, the statuses it may happen in and the status
 * it leads to. Operators decide about `pending` applications (approve, reject, ask for
 * information); a vendor asked for information resubmits (back to `pending`) or, if it never
 * answers, is rejected; approved vendors can be suspended and reinstated. `rejected` is final.
 * `verify` changes no status: an operator marks an approved vendor's documents as reviewed (an
 * automatic approval reviews nothing, so it does not verify; docs/decisions/0019).
 *
 * Plain data without zod, so the console's browser bundle imports it
 * (`@agora/contracts/vendor-transitions`) to offer exactly the decisions the server allows;
 * `nextVendorStatus` (core) enforces it.
 */
export const VENDOR_TRANSITIONS: Record<VendorAction, { from: readonly VendorStatus[]; to: VendorStatus }> = {
  approve: { from: ['pending'], to: 'approved' },
  verify: { from: ['approved'], to: 'approved' },
  reject: { from: ['pending', 'info_requested'], to: 'rejected' },
  request_info: { from: ['pending'], to: 'info_requested' },
  resubmit: { from: ['info_requested'], to: 'pending' },
  suspend: { from: ['approved'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'approved' },
};
