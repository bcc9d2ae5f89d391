import { AppError, type VendorAction, type VendorStatus } from '@agora/contracts';

/**
 * The vendor lifecycle. Operators decide about `pending` applications (approve, reject, ask
 * for information); a vendor asked for information resubmits (back to `pending`); approved
 * vendors can be suspended and reinstated. `rejected` is final.
 */
export const VENDOR_TRANSITIONS: Record<VendorAction, { from: readonly VendorStatus[]; to: VendorStatus }> = {
  approve: { from: ['pending'], to: 'approved' },
  reject: { from: ['pending'], to: 'rejected' },
  request_info: { from: ['pending'], to: 'info_requested' },
  resubmit: { from: ['info_requested'], to: 'pending' },
  suspend: { from: ['approved'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'approved' },
};

/** What the audit log and emails call each action once done. */
export const VENDOR_ACTION_PAST: Record<VendorAction, string> = {
  approve: 'approved',
  reject: 'rejected',
  request_info: 'info_requested',
  resubmit: 'resubmitted',
  suspend: 'suspended',
  reinstate: 'reinstated',
};

const LABEL: Record<VendorAction, string> = {
  approve: 'approved',
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
