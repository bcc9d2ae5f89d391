import type { VendorAction } from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import type { Deps } from '../deps.js';
import { changeVendorStatus } from './change-vendor-status.js';
import { loadVendorDetail, type VendorDetailView } from './get-vendor-detail.js';

/**
 * An operator's decision about a vendor (approve, reject, request information, suspend,
 * reinstate): the status change, audit row and vendor email in one transaction. Returns the
 * vendor as the operator sees it afterwards.
 */
export async function decideVendor(
  deps: Pick<Deps, 'config' | 'database'>,
  tenant: TenantRef,
  input: {
    vendorId: string;
    action: Exclude<VendorAction, 'resubmit'>;
    actorUserId: string;
    reason?: string;
  },
): Promise<VendorDetailView> {
  return withTenant(deps.database, tenant, async (tx) => {
    await changeVendorStatus(tx, {
      vendorId: input.vendorId,
      action: input.action,
      actorUserId: input.actorUserId,
      reason: input.reason ?? null,
    });
    return loadVendorDetail(tx, deps.config.files.secret, input.vendorId);
  });
}
