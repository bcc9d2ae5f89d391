import { AppError, newId } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import { hashPassword } from '../auth/passwords.js';
import { signToken, tenantAudience } from '../auth/tokens.js';
import type { Deps } from '../deps.js';
import { getMarketplaceSettings } from '../marketplace/get-marketplace-settings.js';
import { emitEvent } from '../outbox/emit-event.js';
import { changeVendorStatus } from './change-vendor-status.js';
import type { ParsedVendorApplication } from './parse-vendor-application.js';
import { deleteStoredDocuments, type StoredDocument, storeVendorDocuments } from './vendor-documents.js';
import { type VendorView, vendorView } from './vendor-views.js';

export type VendorApplicationResult = VendorView & {
  adminUserId: string;
  /** A session for the new vendor admin (the applicant), valid on this marketplace. */
  token: string;
};

const emailTaken = (email: string) =>
  new AppError('email_taken', `${email} already has an account in this marketplace; log in instead`, {
    fields: [{ path: 'contactEmail', message: 'already has an account in this marketplace' }],
  });

/**
 * A business applies to sell. Takes an application already validated by
 * `parseVendorApplication`. Creates, in one transaction: the vendor (`pending`, or `approved`
 * and verified when the marketplace approves automatically), its documents, the applicant's
 * vendor admin account (active, email not verified, with the chosen password), the audit row,
 * and the events for the verification email and the operators' "new vendor application" email.
 *
 * Documents are written to storage first (the database row must point at a file that exists);
 * if that or the transaction fails, whatever was stored is deleted again.
 */
export async function applyAsVendor(
  deps: Pick<Deps, 'config' | 'database' | 'files'>,
  tenant: TenantRef,
  input: ParsedVendorApplication,
): Promise<VendorApplicationResult> {
  const { application: a, documents } = input;
  const email = a.contactEmail;
  // Cheap early answer before hashing and storing (the insert below is what really decides).
  const [existing] = await withTenant(deps.database, tenant, ({ db, t }) =>
    db.select({ id: t.users.id }).from(t.users).where(eq(t.users.email, email)),
  );
  if (existing) throw emailTaken(email);

  const passwordHash = await hashPassword(a.password);
  const vendorId = newId('ven');
  const stored = await storeVendorDocuments(deps.files, tenant.id, vendorId, documents);
  let created: Awaited<ReturnType<typeof insertApplication>>;
  try {
    created = await insertApplication(deps.database, tenant, {
      application: a,
      vendorId,
      passwordHash,
      stored,
    });
  } catch (e) {
    await deleteStoredDocuments(deps.files, stored);
    throw e;
  }
  const token = await signToken(deps.config.jwtKeys, {
    sub: created.user.id,
    aud: tenantAudience(tenant.id),
    role: created.user.role,
  });
  return {
    ...vendorView(deps.config.files.secret, created.vendor, created.docs),
    adminUserId: created.user.id,
    token,
  };
}

/** The application's rows, audit entry and events, in one transaction. */
function insertApplication(
  database: Database,
  tenant: TenantRef,
  {
    application: a,
    vendorId,
    passwordHash,
    stored,
  }: {
    application: ParsedVendorApplication['application'];
    vendorId: string;
    passwordHash: string;
    stored: StoredDocument[];
  },
) {
  const email = a.contactEmail;
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const settings = await getMarketplaceSettings(tx);
    const [vendor] = await db
      .insert(t.vendors)
      .values({
        id: vendorId,
        name: a.businessName,
        legalName: a.legalName,
        country: a.country,
        taxId: a.taxId,
        contactName: a.contactName,
        contactEmail: email,
        website: a.website ?? null,
        description: a.description,
        industries: a.industries,
        status: 'pending',
      })
      .returning();
    if (!vendor) throw new Error('vendor insert returned no row');
    const docs = await db
      .insert(t.vendorDocuments)
      .values(stored.map((d) => ({ ...d, vendorId })))
      .returning();
    const [user] = await db
      .insert(t.users)
      .values({
        id: newId('usr'),
        email,
        name: a.contactName,
        passwordHash,
        role: 'vendor_admin',
        status: 'active',
        vendorId,
      })
      .onConflictDoNothing()
      .returning({ id: t.users.id, email: t.users.email, role: t.users.role });
    if (!user) throw emailTaken(email);
    await recordTenantAudit(tx, {
      actorUserId: user.id,
      action: 'vendor.applied',
      subjectType: 'vendor',
      subjectId: vendorId,
      data: { documents: docs.length },
    });
    await emitEvent(tx, 'user.email_verification_requested', { userId: user.id, email });
    await emitEvent(tx, 'vendor.application_submitted', { vendorId, resubmitted: false });
    const final = settings.autoApproveVendors
      ? await changeVendorStatus(tx, {
          vendorId,
          action: 'approve',
          actorUserId: null,
          audit: { auto: true },
        })
      : vendor;
    return { vendor: final, docs, user };
  });
}
