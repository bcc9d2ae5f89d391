import type { InvoiceDocument } from '@agora/contracts';
import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib';

/** Money in the invoice's currency (`1234` EUR -> `€12.34`). */
export function invoiceMoney(minor: number, currency: string): string {
  const f = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(minor / 10 ** digits);
}

/**
 * An invoice date: the marketplace's calendar day, "6 Dec 2026", as the pages show it
 * (`formatDate` in @agora/ui/dates, which core does not depend on; `dates.test.ts` there and the
 * invoice test here pin the same format).
 */
export const invoiceDate = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(iso),
  );

export const addressLines = (a: Record<string, string>) =>
  ['name', 'line1', 'line2', 'postalCode', 'city', 'region', 'country']
    .map((k) => a[k])
    .concat(
      Object.entries(a)
        .filter(([k]) => !['name', 'line1', 'line2', 'postalCode', 'city', 'region', 'country'].includes(k))
        .map(([, v]) => v),
    )
    .filter((v): v is string => Boolean(v));

export const paymentTermsText = (d: Pick<InvoiceDocument, 'paymentTerms' | 'netDays'>) =>
  d.paymentTerms === 'net' ? `Invoice, payable within ${d.netDays} days` : 'Bank transfer in advance';

/**
 * The invoice as a PDF (pdf-lib, standard Helvetica: no font files, no native code). Text the
 * standard font cannot encode (outside Windows-1252) is replaced by `?` rather than failing.
 */
export async function renderInvoicePdf(doc: InvoiceDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Invoice ${doc.number}`);
  pdf.setProducer('Agora');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const safe = (font: PDFFont, text: string) =>
    [...text]
      .map((ch) => {
        try {
          font.encodeText(ch);
          return ch;
        } catch {
          return '?';
        }
      })
      .join('');

  let page = pdf.addPage([595.28, 841.89]); // A4
  const margin = 48;
  let y = 841.89 - margin;
  const line = (text: string, opts: { x?: number; size?: number; font?: PDFFont; right?: number } = {}) => {
    const font = opts.font ?? regular;
    const size = opts.size ?? 10;
    const t = safe(font, text);
    const x = opts.right !== undefined ? opts.right - font.widthOfTextAtSize(t, size) : (opts.x ?? margin);
    page.drawText(t, { x, y, size, font, color: rgb(0.1, 0.1, 0.1) });
  };
  const down = (dy = 14) => {
    y -= dy;
    if (y < margin + 40) {
      page = pdf.addPage([595.28, 841.89]);
      y = 841.89 - margin;
    }
  };
  const money = (m: number) => invoiceMoney(m, doc.currency);
  const right = 595.28 - margin;

  line(`Invoice ${doc.number}`, { size: 18, font: bold });
  down(24);
  line(
    `Issued ${invoiceDate(doc.issuedAt, doc.timeZone)}   Due ${invoiceDate(doc.dueAt, doc.timeZone)}   Order ${doc.orderId}`,
  );
  if (doc.poNumber) {
    down();
    line(`Your PO: ${doc.poNumber}`);
  }
  down(24);
  const top = y;
  line('Seller', { font: bold });
  for (const l of [
    doc.seller.name,
    `Tax id ${doc.seller.taxId}`,
    doc.seller.country,
    `via ${doc.marketplaceName}`,
  ]) {
    down();
    line(l);
  }
  const sellerEnd = y;
  y = top;
  line('Bill to', { x: 320, font: bold });
  for (const l of [doc.buyer.name, `Tax id ${doc.buyer.taxId}`, ...addressLines(doc.buyer.address)]) {
    down();
    line(l, { x: 320 });
  }
  y = Math.min(y, sellerEnd);
  down(28);
  line('Item', { font: bold });
  line('Qty', { font: bold, right: 340 });
  line('Unit price', { font: bold, right: 420 });
  line('Tax', { font: bold, right: 470 });
  line('Net', { font: bold, right });
  down(6);
  page.drawLine({ start: { x: margin, y }, end: { x: right, y }, thickness: 0.5 });
  for (const l of doc.lines) {
    down(16);
    const title = `${l.sku}  ${l.title}`;
    line(title.length > 48 ? `${title.slice(0, 47)}…` : title);
    line(`${l.qty} ${l.unit}`, { right: 340 });
    line(money(l.unitPriceMinor), { right: 420 });
    line(`${(l.taxBps / 100).toFixed(l.taxBps % 100 ? 2 : 0)}%`, { right: 470 });
    line(money(l.netMinor), { right });
  }
  down(10);
  page.drawLine({ start: { x: 320, y }, end: { x: right, y }, thickness: 0.5 });
  for (const [label, amount, font] of [
    ['Subtotal', doc.subtotalMinor, regular],
    ['Tax', doc.taxMinor, regular],
    ['Shipping', doc.shippingMinor, regular],
    ['Total', doc.totalMinor, bold],
  ] as const) {
    down(16);
    line(label, { x: 320, font });
    line(money(amount), { right, font });
  }
  down(30);
  line(`Payment terms: ${paymentTermsText(doc)}. Due ${invoiceDate(doc.dueAt, doc.timeZone)}.`);
  if (doc.paidAt) {
    down();
    line(`Paid ${invoiceDate(doc.paidAt, doc.timeZone)}.`);
  }
  return pdf.save();
}
