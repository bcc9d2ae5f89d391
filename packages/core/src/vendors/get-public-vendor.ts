import { AppError } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, eq } from 'drizzle-orm';
import { type PublicVendorView, publicVendorView } from './vendor-views.js';

/** An approved vendor's public profile; any other vendor (or none) is the same 404. */
export async function getPublicVendor(
  database: Database,
  tenant: TenantRef,
  vendorId: string,
): Promise<PublicVendorView> {
  const [row] = await withTenant(database, tenant, ({ db, t }) =>
    db
      .select()
      .from(t.vendors)
      .where(and(eq(t.vendors.id, vendorId), eq(t.vendors.status, 'approved'))),
  );
  if (!row) throw new AppError('not_found', 'No vendor with this id in this marketplace');
  return publicVendorView(row);
}
