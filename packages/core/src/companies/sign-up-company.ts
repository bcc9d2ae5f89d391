import { AppError, type CompanySignUpBody, type CompanySignUpResult, newId } from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import { hashPassword } from '../auth/passwords.js';
import { signToken, tenantAudience } from '../auth/tokens.js';
import type { Deps } from '../deps.js';
import { getMarketplaceSettings } from '../marketplace/get-marketplace-settings.js';
import { emitEvent } from '../outbox/emit-event.js';
import { changeCompanyStatus } from './change-company-status.js';

const emailTaken = (email: string) =>
  new AppError('email_taken', `${email} already has an account in this marketplace; sign in instead`, {
    fields: [{ path: 'email', message: 'already has an account in this marketplace' }],
  });

/**
 * A business creates a buyer account: in one transaction the company (`pending`, or `approved`
 * when the marketplace approves buyers automatically), its shipping addresses, its first member
 * (a buyer admin: active, email not verified yet, with the chosen password), the audit row, and
 * the events for the verification email and the operators' "new buyer company" email.
 */
export async function signUpCompany(
  deps: Pick<Deps, 'config' | 'database'>,
  tenant: TenantRef,
  body: CompanySignUpBody,
): Promise<CompanySignUpResult> {
  const email = body.email;
  const [existing] = await withTenant(deps.database, tenant, ({ db, t }) =>
    db.select({ id: t.users.id }).from(t.users).where(eq(t.users.email, email)),
  );
  if (existing) throw emailTaken(email);
  const passwordHash = await hashPassword(body.password);

  const created = await withTenant(deps.database, tenant, async (tx) => {
    const { db, t } = tx;
    const settings = await getMarketplaceSettings(tx);
    const companyId = newId('cmp');
    await db.insert(t.companies).values({
      id: companyId,
      legalName: body.legalName,
      country: body.country,
      taxId: body.taxId,
      billingAddress: body.billingAddress,
      status: 'pending',
    });
    await db.insert(t.companyAddresses).values(
      body.shippingAddresses.map((s) => ({
        id: newId('adr'),
        companyId,
        label: s.label,
        address: s.address,
      })),
    );
    const [user] = await db
      .insert(t.users)
      .values({
        id: newId('usr'),
        email,
        name: body.name,
        passwordHash,
        role: 'buyer_admin',
        status: 'active',
        companyId,
      })
      .onConflictDoNothing()
      .returning({ id: t.users.id, role: t.users.role });
    if (!user) throw emailTaken(email);
    await recordTenantAudit(tx, {
      actorUserId: user.id,
      action: 'company.signed_up',
      subjectType: 'company',
      subjectId: companyId,
      data: { shippingAddresses: body.shippingAddresses.length },
    });
    await emitEvent(tx, 'user.email_verification_requested', { userId: user.id, email });
    await emitEvent(tx, 'company.signed_up', { companyId, resubmitted: false });
    const status =
      settings.approveBuyers === 'auto'
        ? await changeCompanyStatus(tx, {
            companyId,
            action: 'approve',
            actorUserId: null,
            audit: { auto: true },
          })
        : 'pending';
    return { companyId, user, status };
  });
  const token = await signToken(deps.config.jwtKeys, {
    sub: created.user.id,
    aud: tenantAudience(tenant.id),
    role: created.user.role,
  });
  return { companyId: created.companyId, userId: created.user.id, status: created.status, token };
}
