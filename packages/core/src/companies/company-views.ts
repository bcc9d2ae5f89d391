import type {
  Address,
  BuyerRole,
  Company,
  CompanyMember,
  CompanyStatus,
  ShippingAddress,
  SpendingPeriod,
} from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { asc, eq } from 'drizzle-orm';

type Tables = TenantTx['t'];
type CompanyRow = Tables['companies']['$inferSelect'];
type AddressRow = Tables['companyAddresses']['$inferSelect'];
type UserRow = Pick<
  Tables['users']['$inferSelect'],
  | 'id'
  | 'email'
  | 'name'
  | 'role'
  | 'status'
  | 'emailVerifiedAt'
  | 'spendingLimitMinor'
  | 'spendingPeriod'
  | 'createdAt'
>;

/** A stored address (jsonb) as the API shows it: every field present. */
export const addressView = (a: Record<string, string>): Address => ({
  line1: a.line1 ?? '',
  line2: a.line2 ?? '',
  city: a.city ?? '',
  postalCode: a.postalCode ?? '',
  region: a.region ?? '',
  country: (a.country ?? '') as Address['country'],
});

export const shippingAddressView = (r: AddressRow): ShippingAddress => ({
  id: r.id,
  label: r.label,
  address: addressView(r.address),
  createdAt: r.createdAt.toISOString(),
});

export function companyView(c: CompanyRow, addresses: AddressRow[]): Company {
  return {
    id: c.id,
    legalName: c.legalName,
    country: c.country,
    taxId: c.taxId,
    billingAddress: addressView(c.billingAddress),
    status: c.status as CompanyStatus,
    statusReason: c.statusReason,
    terms: { paymentTerms: c.paymentTerms, netDays: c.netDays, creditLimitMinor: c.creditLimitMinor },
    shippingAddresses: addresses.map(shippingAddressView),
    decidedAt: c.decidedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

export const memberView = (u: UserRow): CompanyMember => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role as BuyerRole,
  status: u.status,
  emailVerified: u.emailVerifiedAt !== null,
  spendingLimit:
    u.spendingLimitMinor !== null && u.spendingPeriod !== null
      ? { amountMinor: u.spendingLimitMinor, period: u.spendingPeriod as SpendingPeriod }
      : null,
  createdAt: u.createdAt.toISOString(),
});

export const memberColumns = (t: Tables) => ({
  id: t.users.id,
  email: t.users.email,
  name: t.users.name,
  role: t.users.role,
  status: t.users.status,
  emailVerifiedAt: t.users.emailVerifiedAt,
  spendingLimitMinor: t.users.spendingLimitMinor,
  spendingPeriod: t.users.spendingPeriod,
  createdAt: t.users.createdAt,
});

/** A company with its shipping addresses, read in the caller's transaction; null if none. */
export async function loadCompany({ db, t }: TenantTx, companyId: string): Promise<Company | null> {
  const [company] = await db.select().from(t.companies).where(eq(t.companies.id, companyId));
  if (!company) return null;
  const addresses = await db
    .select()
    .from(t.companyAddresses)
    .where(eq(t.companyAddresses.companyId, companyId))
    .orderBy(asc(t.companyAddresses.createdAt), asc(t.companyAddresses.id));
  return companyView(company, addresses);
}
