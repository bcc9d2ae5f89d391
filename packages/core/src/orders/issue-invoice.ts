import { newId } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { eq, sql } from 'drizzle-orm';
import { getCommerceSettings } from '../commerce/commerce-settings.js';
import { localDate } from '../commerce/spending-period.js';

/** A vendor's invoice prefix when it has not set one: the first letters of its name, in capitals. */
export function derivedInvoicePrefix(name: string): string {
  const letters = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase();
  return letters.slice(0, 4) || 'INV';
}

export const invoiceNumber = (prefix: string, year: number, seq: number) =>
  `${prefix}-${year}-${String(seq).padStart(5, '0')}`;

const DAY_MS = 86_400_000;

/**
 * Issue the invoice of an accepted order, inside the acceptance's transaction (ADR 0036).
 * The number is `<prefix>-<year>-<sequence>`, gapless per vendor and calendar year (marketplace
 * time zone): the counter row of the vendor and year is raised by an upsert, which locks it until
 * the transaction ends, so concurrent acceptances of one vendor take numbers one after the
 * other, and a rolled-back acceptance gives its number back. Due: at once for prepaid orders,
 * after the order's net days on terms.
 */
export async function issueInvoice(
  tx: TenantTx,
  order: { id: string; vendorId: string; netDays: number; paymentTerms: 'prepay' | 'net' },
  now: Date,
): Promise<{ number: string }> {
  const { db, t } = tx;
  const { timeZone } = await getCommerceSettings(tx);
  const year = localDate(now, timeZone).year;
  const [vendor] = await db
    .select({ name: t.vendors.name, prefix: t.vendors.invoicePrefix })
    .from(t.vendors)
    .where(eq(t.vendors.id, order.vendorId));
  const [counter] = await db
    .insert(t.invoiceCounters)
    .values({ vendorId: order.vendorId, year, lastSeq: 1 })
    .onConflictDoUpdate({
      target: [t.invoiceCounters.vendorId, t.invoiceCounters.year],
      set: { lastSeq: sql`${t.invoiceCounters.lastSeq} + 1` },
    })
    .returning({ seq: t.invoiceCounters.lastSeq });
  const seq = counter?.seq as number;
  const number = invoiceNumber(vendor?.prefix || derivedInvoicePrefix(vendor?.name ?? ''), year, seq);
  await db.insert(t.invoices).values({
    id: newId('inv'),
    orderId: order.id,
    vendorId: order.vendorId,
    number,
    year,
    seq,
    issuedAt: now,
    dueAt: new Date(now.getTime() + (order.paymentTerms === 'net' ? order.netDays : 0) * DAY_MS),
  });
  return { number };
}
