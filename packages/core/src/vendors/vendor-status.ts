import { AppError, VENDOR_TRANSITIONS, type VendorAction, type VendorStatus } from '@agora/contracts';

// The lifecycle table is data in @agora/contracts (VENDOR_TRANSITIONS), shared with the console so
// it offers exactly the decisions allowed here; this file enforces it and names the actions.

/** What the audit log and emails call each action once done. */
export const VENDOR_ACTION_PAST: Record<VendorAction, string> = {
  approve: 'approved',
  verify: 'verified',
  reject: 'rejected',
  request_info: 'info_requested',
  resubmit: 'resubmitted',
  suspend: 'suspended',
  reinstate: 'reinstated',
};

const LABEL: Record<VendorAction, string> = {
  approve: 'approved',
  verify: 'verified',
  reject: 'rejected',
  request_info: 'asked for more information',
  resubmit: 'resubmitted',
  suspend: 'suspended',
  reinstate: 'reinstated',
};

/** Whether `action` may happen to a vendor in `status`. */
export const canTransition = (status: VendorStatus, action: VendorAction) =>
  VENDOR_TRANSITIONS[action].from.includes(status);

/** The status after `action`, or a 409 `invalid_state` saying which statuses allow it. */
export function nextVendorStatus(status: VendorStatus, action: VendorAction): VendorStatus {
  const rule = VENDOR_TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    throw new AppError(
      'invalid_state',
      `This vendor is ${status.replace('_', ' ')}; only ${rule.from.map((s) => s.replace('_', ' ')).join(' or ')} vendors can be ${LABEL[action]}`,
      { status, action },
    );
  }
  return rule.to;
}
