import type { VendorAction, VendorStatus } from '@agora/contracts';
import { VENDOR_TRANSITIONS } from '@agora/contracts/vendor-transitions';

/**
 * The operator's decisions about a vendor: the API's path segment, the state-machine action it
 * performs, the button, and the text it needs. Which decisions a vendor gets comes from the
 * server's own transition table, so the console never offers one the API refuses with 409.
 */
export const DECISIONS = {
  approve: { action: 'approve', label: 'Approve', needs: null },
  verify: { action: 'verify', label: 'Mark as verified', needs: null },
  'request-info': { action: 'request_info', label: 'Ask for more information', needs: 'message' },
  reject: { action: 'reject', label: 'Reject', needs: 'reason' },
  suspend: { action: 'suspend', label: 'Suspend', needs: 'reason' },
  reinstate: { action: 'reinstate', label: 'Reinstate', needs: null },
} as const satisfies Record<
  string,
  { action: Exclude<VendorAction, 'resubmit'>; label: string; needs: 'message' | 'reason' | null }
>;
export type Decision = keyof typeof DECISIONS;

export const isDecision = (d: string): d is Decision => Object.hasOwn(DECISIONS, d);

/**
 * The decisions open for a vendor, in button order (`verify` only while it is not verified and
 * has documents to review: the API refuses it otherwise, ADR 0019).
 */
export function decisionsFor(vendor: {
  status: VendorStatus;
  verified: boolean;
  documents?: readonly unknown[];
}): Decision[] {
  return (Object.keys(DECISIONS) as Decision[]).filter(
    (d) =>
      VENDOR_TRANSITIONS[DECISIONS[d].action].from.includes(vendor.status) &&
      !(d === 'verify' && (vendor.verified || vendor.documents?.length === 0)),
  );
}
