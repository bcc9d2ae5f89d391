import { type CustomDomainRow, type DomainRow, platformTables as p } from '@agora/db';
import { and, eq, type SQL } from 'drizzle-orm';

/** Custom domains only: a platform host in the same table is never added, checked, made primary or removed here. */
export const isCustom = eq(p.domains.kind, 'custom');

/** The custom domain `domainId` of `tenantId` (a platform host's id or another tenant's domain matches nothing). */
export const customDomainOf = (tenantId: string, domainId: string): SQL =>
  and(eq(p.domains.id, domainId), eq(p.domains.tenantId, tenantId), isCustom) as SQL;

/** A row read with `isCustom`, typed as such (it has a token: domains_custom_token_check). */
export function asCustom(row: DomainRow): CustomDomainRow {
  if (row.kind !== 'custom' || row.verificationToken === null)
    throw new Error(`domain ${row.id} is not a custom domain`);
  return row as CustomDomainRow;
}
