import { AppError, type FieldIssue, type UpdateVendorProfileBody, VENDOR_UPDATED } from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import type { Deps } from '../deps.js';
import { emitEvent } from '../outbox/emit-event.js';
import { changeVendorStatus } from './change-vendor-status.js';
import { loadVendorView } from './get-own-vendor.js';
import type { VendorView } from './vendor-views.js';

/** Verified facts: once approved, only the operator's review could change them. */
const LOCKED_WHEN_APPROVED = ['legalName', 'taxId', 'country'] as const;

/**
 * A vendor admin edits the vendor's profile. While `pending` anything may change; when the
 * operator asked for information (`info_requested`) saving is the resubmission: the vendor goes
 * back to `pending` and the operators are emailed. An approved vendor may change everything but
 * its legal name, tax id and country (409 naming them); a rejected or suspended vendor nothing.
 */
export async function updateOwnVendor(
  deps: Pick<Deps, 'config' | 'database'>,
  tenant: TenantRef,
  input: { vendorId: string; actorUserId: string; profile: UpdateVendorProfileBody },
): Promise<VendorView> {
  const p = input.profile;
  return withTenant(deps.database, tenant, async (tx) => {
    const { db, t } = tx;
    const [vendor] = await db.select().from(t.vendors).where(eq(t.vendors.id, input.vendorId)).for('update');
    if (!vendor) throw new AppError('not_found', 'No vendor with this id in this marketplace');
    if (vendor.status === 'rejected' || vendor.status === 'suspended')
      throw new AppError(
        'invalid_state',
        `This vendor is ${vendor.status}; its profile cannot be changed. Contact the marketplace.`,
      );
    const next = {
      name: p.businessName,
      legalName: p.legalName,
      country: p.country,
      taxId: p.taxId,
      contactName: p.contactName,
      contactEmail: p.contactEmail,
      website: p.website ?? null,
      description: p.description,
      industries: p.industries,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
      (k) => JSON.stringify(next[k]) !== JSON.stringify(vendor[k]),
    );
    if (vendor.status === 'approved') {
      const locked: FieldIssue[] = LOCKED_WHEN_APPROVED.filter((k) => changed.includes(k)).map((k) => ({
        path: k,
        message: 'cannot change after approval; ask the marketplace operator',
      }));
      if (locked.length)
        throw new AppError(
          'invalid_state',
          `An approved vendor cannot change its ${locked.map((f) => f.path).join(', ')}; ask the marketplace operator`,
          { fields: locked },
        );
    }
    if (changed.length) {
      await db
        .update(t.vendors)
        .set({ ...next, updatedAt: new Date() })
        .where(eq(t.vendors.id, vendor.id));
      await recordTenantAudit(tx, {
        actorUserId: input.actorUserId,
        action: 'vendor.profile_updated',
        subjectType: 'vendor',
        subjectId: vendor.id,
        data: { changed },
      });
      await emitEvent(tx, VENDOR_UPDATED, { vendorId: vendor.id });
    }
    if (vendor.status === 'info_requested')
      await changeVendorStatus(tx, {
        vendorId: vendor.id,
        action: 'resubmit',
        actorUserId: input.actorUserId,
      });
    return loadVendorView(tx, deps.config.files.secret, vendor.id);
  });
}
