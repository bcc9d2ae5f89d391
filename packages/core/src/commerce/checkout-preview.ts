import { AppError, type CheckoutPreview, isAppError } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { getCommerceSettings } from './commerce-settings.js';
import { sumAmounts } from './money.js';
import { priceLines } from './place-checkout.js';

/**
 * What a checkout of the cart in one currency would place, priced as placement prices it
 * (`priceLines`): per vendor, the lines with tax, shipping and totals; the company's terms and
 * addresses. Lines that cannot be ordered are listed in `problems` (and no totals are given).
 */
export async function previewCheckout(
  database: Database,
  tenant: TenantRef,
  buyer: { userId: string; companyId: string },
  query: { currency?: string | undefined },
): Promise<CheckoutPreview> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const settings = await getCommerceSettings(tx);
    const [company] = await db
      .select({
        id: t.companies.id,
        name: t.companies.legalName,
        status: t.companies.status,
        paymentTerms: t.companies.paymentTerms,
        netDays: t.companies.netDays,
        creditLimitMinor: t.companies.creditLimitMinor,
      })
      .from(t.companies)
      .where(eq(t.companies.id, buyer.companyId));
    if (!company) throw new AppError('not_found', 'Your company was not found');
    const addresses = await db
      .select({
        id: t.companyAddresses.id,
        label: t.companyAddresses.label,
        address: t.companyAddresses.address,
      })
      .from(t.companyAddresses)
      .where(eq(t.companyAddresses.companyId, company.id))
      .orderBy(asc(t.companyAddresses.createdAt), asc(t.companyAddresses.id));
    const cart = await db
      .select({ productId: t.cartLines.productId, qty: t.cartLines.qty, currency: t.products.currency })
      .from(t.cartLines)
      .innerJoin(t.products, eq(t.products.id, t.cartLines.productId))
      .where(eq(t.cartLines.userId, buyer.userId))
      .orderBy(asc(t.cartLines.addedAt), asc(t.cartLines.productId));
    const currencies = [...new Set(cart.map((l) => l.currency))].sort();
    const currency =
      query.currency ??
      (currencies.includes(settings.currency) ? settings.currency : (currencies[0] ?? null));
    const base = { currency, currencies, taxBps: settings.taxBps, company, addresses };
    const lines = cart.filter((l) => l.currency === currency);
    if (!currency || lines.length === 0) return { ...base, vendors: [], totalMinor: 0, problems: [] };

    let priced: Awaited<ReturnType<typeof priceLines>>;
    try {
      priced = await priceLines(tx, lines, currency, settings.taxBps);
    } catch (e) {
      if (isAppError(e) && e.code === 'cart_changed') {
        const problems = (e.details as { lines: { productId: string; message: string }[] }).lines;
        const titles = new Map(
          (
            await db
              .select({ id: t.products.id, title: t.products.title })
              .from(t.products)
              .where(
                inArray(
                  t.products.id,
                  problems.map((p) => p.productId),
                ),
              )
          ).map((p) => [p.id, p.title]),
        );
        return {
          ...base,
          vendors: [],
          totalMinor: 0,
          problems: problems.map((p) => ({
            productId: p.productId,
            message: `${titles.get(p.productId) ?? 'A product'} ${p.message}`,
          })),
        };
      }
      throw e;
    }
    const vendorIds = priced.map((o) => o.vendorId);
    const names = new Map(
      (
        await db
          .select({ id: t.vendors.id, name: t.vendors.name })
          .from(t.vendors)
          .where(and(inArray(t.vendors.id, vendorIds)))
      ).map((v) => [v.id, v.name]),
    );
    const vendors = priced
      .map((o) => ({
        vendor: { id: o.vendorId, name: names.get(o.vendorId) ?? o.vendorId },
        lines: o.lines.map((l) => ({
          productId: l.productId,
          sku: l.sku,
          title: l.title,
          unit: l.unit,
          qty: l.qty,
          unitPriceMinor: l.unitPriceMinor,
          tierMinQty: l.tierMinQty,
          netMinor: l.netMinor,
          taxMinor: l.taxMinor,
        })),
        subtotalMinor: o.subtotalMinor,
        taxMinor: o.taxMinor,
        shippingMinor: o.shippingMinor,
        totalMinor: o.totalMinor,
      }))
      .sort((a, b) => a.vendor.name.localeCompare(b.vendor.name));
    return { ...base, vendors, totalMinor: sumAmounts(vendors.map((v) => v.totalMinor)), problems: [] };
  });
}
