import { AppError, type InvoiceDocument } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, asc, eq } from 'drizzle-orm';
import { commerceSettingsFrom } from '../commerce/commerce-settings.js';
import { type OrderScope, orderNotFound, scopeCondition } from './order-scope.js';

/**
 * The invoice of an order the caller reaches: seller (the vendor's legal name and tax id), buyer
 * company, lines with tax, shipping, total, payment terms and due date. 404 when the order is
 * outside the scope or has no invoice yet (it is issued when the vendor accepts).
 */
export async function getInvoice(
  database: Database,
  tenant: TenantRef,
  scope: OrderScope,
  orderId: string,
): Promise<InvoiceDocument> {
  return withTenant(database, tenant, async ({ db, t }) => {
    const [row] = await db
      .select({ order: t.orders, invoice: t.invoices, vendor: t.vendors, company: t.companies })
      .from(t.orders)
      .innerJoin(t.vendors, eq(t.vendors.id, t.orders.vendorId))
      .innerJoin(t.companies, eq(t.companies.id, t.orders.companyId))
      .leftJoin(t.invoices, eq(t.invoices.orderId, t.orders.id))
      .where(and(eq(t.orders.id, orderId), scopeCondition(t, scope)));
    if (!row) throw orderNotFound();
    if (!row.invoice)
      throw new AppError('not_found', 'This order has no invoice yet: it is issued when the vendor accepts');
    const lines = await db
      .select()
      .from(t.orderLines)
      .where(eq(t.orderLines.orderId, orderId))
      .orderBy(asc(t.orderLines.lineNo));
    const [settings] = await db
      .select({ name: t.settings.publicName, marketplace: t.settings.marketplace })
      .from(t.settings)
      .limit(1);
    const { order: o, invoice: inv, vendor: v, company: c } = row;
    return {
      number: inv.number,
      issuedAt: inv.issuedAt.toISOString(),
      dueAt: inv.dueAt.toISOString(),
      orderId: o.id,
      poNumber: o.poNumber,
      currency: o.currency,
      marketplaceName: settings?.name ?? '',
      timeZone: commerceSettingsFrom(settings?.marketplace).timeZone,
      seller: { name: v.legalName, taxId: v.taxId, country: v.country, address: {} },
      buyer: { name: c.legalName, taxId: c.taxId, country: c.country, address: c.billingAddress },
      shipTo: o.shippingAddress,
      lines: lines.map((l) => ({
        sku: l.sku,
        title: l.title,
        unit: l.unit,
        qty: l.qty,
        unitPriceMinor: l.unitPriceMinor,
        netMinor: l.netMinor,
        taxBps: l.taxBps,
        taxMinor: l.taxMinor,
      })),
      subtotalMinor: o.subtotalMinor,
      taxMinor: o.taxMinor,
      shippingMinor: o.shippingMinor,
      totalMinor: o.totalMinor,
      paymentTerms: o.paymentTerms,
      netDays: o.netDays,
      paidAt: o.paidAt ? o.paidAt.toISOString() : null,
    };
  });
}
