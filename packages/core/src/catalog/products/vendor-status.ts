import { AppError } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { eq } from 'drizzle-orm';

const STATUS_WORDS: Record<string, string> = {
  pending: 'waiting for the marketplace to review it',
  info_requested: 'waiting for the information the marketplace asked for',
  rejected: 'rejected',
  suspended: 'suspended',
};

/**
 * Only approved vendors put products in front of buyers. Reads the vendor row with a share lock,
 * so a suspension committed meanwhile cannot interleave with the publication.
 */
export async function assertVendorMayPublish({ db, t }: TenantTx, vendorId: string): Promise<void> {
  const [vendor] = await db
    .select({ status: t.vendors.status })
    .from(t.vendors)
    .where(eq(t.vendors.id, vendorId))
    .for('share');
  if (vendor?.status === 'approved') return;
  const state = STATUS_WORDS[vendor?.status ?? ''] ?? 'not approved';
  throw new AppError(
    'invalid_state',
    `Your vendor account is ${state}; products can be published once the marketplace has approved it`,
    { vendorStatus: vendor?.status ?? null },
  );
}
