import {
  AppError,
  type Company,
  type CompanyDetailsBody,
  type CompanyStatus,
  MAX_SHIPPING_ADDRESSES,
  newId,
  type ShippingAddressBody,
} from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { and, count, eq } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import { changeCompanyStatus } from './change-company-status.js';
import { loadCompany } from './company-views.js';

/** The caller's company (every member reads it: status, terms, addresses). */
export async function getOwnCompany(
  database: Database,
  tenant: TenantRef,
  companyId: string,
): Promise<Company> {
  const company = await withTenant(database, tenant, (tx) => loadCompany(tx, companyId));
  if (!company) throw new AppError('not_found', 'No company with this id in this marketplace');
  return company;
}

async function companyStatus({ db, t }: TenantTx, companyId: string): Promise<CompanyStatus> {
  const [row] = await db
    .select({ status: t.companies.status })
    .from(t.companies)
    .where(eq(t.companies.id, companyId))
    .for('update');
  if (!row) throw new AppError('not_found', 'No company with this id in this marketplace');
  return row.status as CompanyStatus;
}

const audit = (
  tx: TenantTx,
  actorUserId: string,
  companyId: string,
  action: string,
  data: Record<string, unknown>,
) =>
  recordTenantAudit(tx, {
    actorUserId,
    action: `company.${action}`,
    subjectType: 'company',
    subjectId: companyId,
    data,
  });

/**
 * An admin edits the company's details and billing address. A company the operator asked for
 * information is sent back for review by this save (`resubmit`: pending again, operators told).
 */
export async function updateOwnCompany(
  database: Database,
  tenant: TenantRef,
  input: { companyId: string; actorUserId: string; body: CompanyDetailsBody },
): Promise<Company> {
  return withTenant(database, tenant, async (tx) => {
    const status = await companyStatus(tx, input.companyId);
    if (status === 'rejected') throw new AppError('invalid_state', 'A rejected company cannot be changed');
    const b = input.body;
    await tx.db
      .update(tx.t.companies)
      .set({
        legalName: b.legalName,
        country: b.country,
        taxId: b.taxId,
        billingAddress: b.billingAddress,
        updatedAt: new Date(),
      })
      .where(eq(tx.t.companies.id, input.companyId));
    await audit(tx, input.actorUserId, input.companyId, 'details_updated', {});
    if (status === 'info_requested')
      await changeCompanyStatus(tx, {
        companyId: input.companyId,
        action: 'resubmit',
        actorUserId: input.actorUserId,
      });
    return (await loadCompany(tx, input.companyId)) as Company;
  });
}

export async function addShippingAddress(
  database: Database,
  tenant: TenantRef,
  input: { companyId: string; actorUserId: string; body: ShippingAddressBody },
): Promise<Company> {
  return withTenant(database, tenant, async (tx) => {
    await companyStatus(tx, input.companyId); // locks the company: two adds cannot pass the cap together
    const [{ n } = { n: 0 }] = await tx.db
      .select({ n: count() })
      .from(tx.t.companyAddresses)
      .where(eq(tx.t.companyAddresses.companyId, input.companyId));
    if (n >= MAX_SHIPPING_ADDRESSES)
      throw new AppError(
        'validation_failed',
        `A company has at most ${MAX_SHIPPING_ADDRESSES} shipping addresses`,
        {
          fields: [
            {
              path: 'label',
              message: `at most ${MAX_SHIPPING_ADDRESSES} shipping addresses; remove one first`,
            },
          ],
        },
      );
    const id = newId('adr');
    await tx.db
      .insert(tx.t.companyAddresses)
      .values({ id, companyId: input.companyId, label: input.body.label, address: input.body.address });
    await audit(tx, input.actorUserId, input.companyId, 'address_added', { addressId: id });
    return (await loadCompany(tx, input.companyId)) as Company;
  });
}

const noAddress = () => new AppError('not_found', 'No such shipping address in your company');

export async function updateShippingAddress(
  database: Database,
  tenant: TenantRef,
  input: { companyId: string; actorUserId: string; addressId: string; body: ShippingAddressBody },
): Promise<Company> {
  return withTenant(database, tenant, async (tx) => {
    const [row] = await tx.db
      .update(tx.t.companyAddresses)
      .set({ label: input.body.label, address: input.body.address })
      .where(
        and(
          eq(tx.t.companyAddresses.id, input.addressId),
          eq(tx.t.companyAddresses.companyId, input.companyId),
        ),
      )
      .returning({ id: tx.t.companyAddresses.id });
    if (!row) throw noAddress();
    await audit(tx, input.actorUserId, input.companyId, 'address_updated', { addressId: input.addressId });
    return (await loadCompany(tx, input.companyId)) as Company;
  });
}

/** Removes a shipping address; the last one stays (a company always has somewhere to ship to). */
export async function removeShippingAddress(
  database: Database,
  tenant: TenantRef,
  input: { companyId: string; actorUserId: string; addressId: string },
): Promise<Company> {
  return withTenant(database, tenant, async (tx) => {
    await companyStatus(tx, input.companyId);
    const { db, t } = tx;
    const [own] = await db
      .select({ id: t.companyAddresses.id })
      .from(t.companyAddresses)
      .where(
        and(eq(t.companyAddresses.id, input.addressId), eq(t.companyAddresses.companyId, input.companyId)),
      );
    if (!own) throw noAddress();
    const [{ n } = { n: 0 }] = await db
      .select({ n: count() })
      .from(t.companyAddresses)
      .where(eq(t.companyAddresses.companyId, input.companyId));
    if (n <= 1)
      throw new AppError(
        'invalid_state',
        'This is the company’s only shipping address: add another one before removing it',
      );
    await db.delete(t.companyAddresses).where(eq(t.companyAddresses.id, input.addressId));
    await audit(tx, input.actorUserId, input.companyId, 'address_removed', { addressId: input.addressId });
    return (await loadCompany(tx, input.companyId)) as Company;
  });
}
