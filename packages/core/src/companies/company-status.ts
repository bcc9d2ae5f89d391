import { AppError, COMPANY_TRANSITIONS, type CompanyAction, type CompanyStatus } from '@agora/contracts';

// The lifecycle table is data in @agora/contracts (COMPANY_TRANSITIONS), shared with the console
// so it offers exactly the decisions allowed here; this file enforces it.

/** What the audit log calls each action once done (`company.<past>`). */
export const COMPANY_ACTION_PAST: Record<CompanyAction, string> = {
  approve: 'approved',
  reject: 'rejected',
  request_info: 'info_requested',
  resubmit: 'resubmitted',
  suspend: 'suspended',
  reinstate: 'reinstated',
};

export const canCompanyTransition = (status: CompanyStatus, action: CompanyAction) =>
  (COMPANY_TRANSITIONS[action].from as readonly string[]).includes(status);

/** The status `action` leads to from `status`, or a 409 `invalid_state` saying why not. */
export function nextCompanyStatus(status: CompanyStatus, action: CompanyAction): CompanyStatus {
  if (!canCompanyTransition(status, action))
    throw new AppError(
      'invalid_state',
      `A company that is ${status.replaceAll('_', ' ')} cannot be ${COMPANY_ACTION_PAST[action].replaceAll('_', ' ')}`,
    );
  return COMPANY_TRANSITIONS[action].to;
}
