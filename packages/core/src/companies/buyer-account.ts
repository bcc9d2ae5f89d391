import type { BuyerAccount, BuyerRole, CompanyStatus } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, eq, isNotNull } from 'drizzle-orm';

/** The signed-in buyer and their company's summary, or null when the user is no company's member. */
export async function getBuyerAccount(
  database: Database,
  tenant: TenantRef,
  userId: string,
): Promise<BuyerAccount | null> {
  const [row] = await withTenant(database, tenant, ({ db, t }) =>
    db
      .select({
        id: t.users.id,
        name: t.users.name,
        email: t.users.email,
        role: t.users.role,
        emailVerifiedAt: t.users.emailVerifiedAt,
        limitMinor: t.users.spendingLimitMinor,
        period: t.users.spendingPeriod,
        companyId: t.companies.id,
        legalName: t.companies.legalName,
        status: t.companies.status,
        statusReason: t.companies.statusReason,
      })
      .from(t.users)
      .innerJoin(t.companies, eq(t.companies.id, t.users.companyId))
      .where(and(eq(t.users.id, userId), isNotNull(t.users.companyId))),
  );
  if (!row) return null;
  return {
    user: {
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role as BuyerRole,
      emailVerified: row.emailVerifiedAt !== null,
      spendingLimit:
        row.limitMinor !== null && row.period !== null
          ? { amountMinor: row.limitMinor, period: row.period }
          : null,
    },
    company: {
      id: row.companyId,
      legalName: row.legalName,
      status: row.status as CompanyStatus,
      statusReason: row.statusReason,
    },
  };
}
