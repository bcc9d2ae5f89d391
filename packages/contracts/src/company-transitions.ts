/**
 * The buyer company lifecycle as data (like vendor-transitions.ts): for each action, the statuses
 * it may happen in and the status it leads to. Operators approve, reject or ask for information
 * about `pending` companies (automatic approval approves at sign-up); a company asked for
 * information resubmits by saving its details (back to `pending`); approved companies can be
 * suspended and reinstated. `rejected` is final. Only `approved` companies order.
 *
 * Plain data without zod, so the console's browser bundle imports it
 * (`@agora/contracts/company-transitions`) to offer exactly the decisions the server allows.
 */
export type CompanyStatusName = 'pending' | 'info_requested' | 'approved' | 'rejected' | 'suspended';
export type CompanyAction = 'approve' | 'reject' | 'request_info' | 'resubmit' | 'suspend' | 'reinstate';

export const COMPANY_TRANSITIONS: Record<
  CompanyAction,
  { from: readonly CompanyStatusName[]; to: CompanyStatusName }
> = {
  approve: { from: ['pending', 'info_requested'], to: 'approved' },
  reject: { from: ['pending', 'info_requested'], to: 'rejected' },
  request_info: { from: ['pending'], to: 'info_requested' },
  resubmit: { from: ['info_requested'], to: 'pending' },
  suspend: { from: ['approved'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'approved' },
};

/** The actions an operator decides (all but the company's own resubmission). */
export const COMPANY_ACTIONS_DECIDED = ['approve', 'reject', 'request_info', 'suspend', 'reinstate'] as const;
export type CompanyDecisionAction = (typeof COMPANY_ACTIONS_DECIDED)[number];

/** The operator's decisions possible for a company in `status`. */
export const companyDecisionsFor = (status: string): CompanyDecisionAction[] =>
  COMPANY_ACTIONS_DECIDED.filter((a) => (COMPANY_TRANSITIONS[a].from as readonly string[]).includes(status));

/** How each decision is named on buttons and in the history. */
export const COMPANY_ACTION_LABELS: Record<CompanyAction, string> = {
  approve: 'Approve',
  reject: 'Reject',
  request_info: 'Request information',
  resubmit: 'Sent the information asked for',
  suspend: 'Suspend',
  reinstate: 'Reinstate',
};
