import { type ImportRowError, ProductBody, type ProductStatus } from '@agora/contracts';
import type { Tier } from '../../pricing/tiers.js';
import { formatMajorAmount, parseMajorAmount } from '../currency.js';
import { productRuleIssues } from '../products/validate-product.js';
import { CSV_COLUMNS, type CsvColumn } from './csv-columns.js';

/**
 * The catalog CSV format (docs/catalog-csv.md): one row per product, a header row naming the
 * columns of `CSV_COLUMNS` in any order, UTF-8 (a BOM is fine), comma-separated, RFC 4180 quoting.
 */
export { CSV_COLUMNS, type CsvColumn };

/** Where each column lives in a file's rows. */
export type CsvLayout = Record<CsvColumn, number>;

/** The layout of a header row, or a message naming missing, unknown and repeated columns. */
export function readHeader(header: string[]): CsvLayout | { error: string } {
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  const problems = [
    missing.length ? `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : '',
    unknown.length ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` : '',
    repeated.length ? `repeated column${repeated.length > 1 ? 's' : ''} ${repeated.join(', ')}` : '',
  ].filter(Boolean);
  if (problems.length)
    return {
      error: `The header row has ${problems.join('; ')}. It must name exactly these columns: ${CSV_COLUMNS.join(',')}`,
    };
  return Object.fromEntries(CSV_COLUMNS.map((c) => [c, names.indexOf(c)])) as CsvLayout;
}

/** What a row asks for: `status` null keeps an existing product's status (new ones are drafts). */
export type CsvProduct = {
  product: ProductBody;
  categorySlug: string | null;
  status: 'draft' | 'published' | 'archived' | null;
};

export type RowResult =
  | { ok: true; value: CsvProduct }
  | { ok: false; errors: Omit<ImportRowError, 'row'>[] };

/** Column of each ProductBody field, for error reports in the file's own terms. */
const FIELD_COLUMN: Record<string, CsvColumn> = {
  sku: 'sku',
  title: 'title',
  description: 'description',
  categoryId: 'category_slug',
  unit: 'unit',
  minOrderQty: 'min_order_qty',
  orderIncrement: 'order_increment',
  leadTimeDays: 'lead_time_days',
  stockQty: 'stock_qty',
  currency: 'currency',
  basePriceMinor: 'base_price',
  tiers: 'tiers',
  attributes: 'attributes',
};

// Spreadsheets run cells that start with these as formulas. Exports put a ' in front; imports
// take it off again, so such values survive a round trip through a spreadsheet unharmed.
const FORMULA_START = /^[=+\-@\t\r]/;
const unguard = (cell: string) =>
  cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
const guard = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell);

const WHOLE = /^\d+$/;

/**
 * One data row -> a product, checked with exactly the API's rules (ProductBody, then
 * productRuleIssues with the tier rules of validateTiers). Errors name the CSV column; tier and
 * attribute errors say which entry (1-based). The category slug is resolved by the caller.
 */
export function parseCsvRow(cells: string[], layout: CsvLayout): RowResult {
  const errors: Omit<ImportRowError, 'row'>[] = [];
  const cell = (c: CsvColumn) => unguard(cells[layout[c]] ?? '').trim();
  const fail = (field: CsvColumn, message: string) => errors.push({ field, message });

  const count = (c: CsvColumn): number | undefined => {
    const text = cell(c);
    if (text === '') return undefined;
    if (!WHOLE.test(text)) {
      fail(c, 'must be a whole number');
      return undefined;
    }
    return Number(text);
  };

  const currency = cell('currency').toUpperCase();
  const money = (text: string): number | { error: string } => parseMajorAmount(text, currency);

  let basePriceMinor: number | undefined;
  const priceText = cell('base_price');
  if (priceText === '') fail('base_price', 'is required');
  else {
    const parsed = money(priceText);
    if (typeof parsed === 'number') basePriceMinor = parsed;
    else fail('base_price', parsed.error);
  }

  const tiers: Tier[] = [];
  const tierText = cell('tiers');
  if (tierText)
    tierText.split('|').forEach((part, i) => {
      const m = /^\s*(\d+)\s*:\s*(\S+)\s*$/.exec(part);
      const price = m ? money(m[2] as string) : null;
      if (!m || price === null) fail('tiers', `tier ${i + 1} ("${part.trim()}") must look like 100:2.50`);
      else if (typeof price !== 'number') fail('tiers', `tier ${i + 1}: the price ${price.error}`);
      else tiers.push({ minQty: Number(m[1]), unitPriceMinor: price });
    });

  const attributes: { name: string; value: string }[] = [];
  const attrText = cell('attributes');
  if (attrText)
    attrText.split('|').forEach((part, i) => {
      const eq = part.indexOf('=');
      if (eq < 0) fail('attributes', `attribute ${i + 1} ("${part.trim()}") must look like Name=Value`);
      else attributes.push({ name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() });
    });

  let status: CsvProduct['status'] = null;
  const statusText = cell('status').toLowerCase();
  if (statusText === 'draft' || statusText === 'archived' || statusText === 'published') status = statusText;
  // An exported product waiting for review asks to be published, as it was.
  else if (statusText === 'pending_review') status = 'published';
  else if (statusText !== '') fail('status', 'must be draft, published or archived (or empty to keep it)');

  const slug = cell('category_slug');
  const candidate = {
    sku: cell('sku'),
    title: cell('title'),
    description: cell('description'),
    categoryId: slug || null,
    unit: cell('unit'),
    minOrderQty: count('min_order_qty'),
    orderIncrement: count('order_increment'),
    leadTimeDays: count('lead_time_days'),
    stockQty: count('stock_qty'),
    currency,
    basePriceMinor: basePriceMinor ?? 0,
    attributes,
    tiers,
  };
  const parsed = ProductBody.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      errors.push(columnIssue(issue.path.map(String), issue.message, candidate));
  } else if (!errors.length) {
    for (const issue of productRuleIssues(parsed.data))
      errors.push(columnIssue(issue.path.split('.'), issue.message, candidate));
  }
  if (errors.length || !parsed.success) return { ok: false, errors: dedupe(errors) };
  return { ok: true, value: { product: parsed.data, categorySlug: slug || null, status } };
}

/** A ProductBody issue in CSV terms: `tiers.1.unitPriceMinor` -> column tiers, "tier 2: ...". */
function columnIssue(
  path: string[],
  message: string,
  candidate: { tiers: Tier[]; attributes: { name: string }[] },
): Omit<ImportRowError, 'row'> {
  const [field = '', index] = path;
  const column = FIELD_COLUMN[field] ?? field;
  if (field === 'tiers' && index !== undefined) {
    const tier = candidate.tiers[Number(index)];
    const what = path[2] === 'minQty' ? 'quantity' : path[2] === 'unitPriceMinor' ? 'price' : '';
    return {
      field: column,
      message: `tier ${Number(index) + 1}${tier ? ` (from ${tier.minQty})` : ''}: ${what ? `the ${what} ` : ''}${message}`,
    };
  }
  if (field === 'attributes' && index !== undefined) {
    const attr = candidate.attributes[Number(index)];
    return {
      field: column,
      message:
        `attribute ${Number(index) + 1}${attr?.name ? ` (${attr.name})` : ''}: ${path[2] ?? ''} ${message}`.replace(
          /\s+/g,
          ' ',
        ),
    };
  }
  if (field === 'basePriceMinor')
    return { field: column, message: message.replace(' in minor units (cents)', '') };
  return { field: column, message };
}

const dedupe = (errors: Omit<ImportRowError, 'row'>[]) =>
  errors.filter((e, i) => errors.findIndex((o) => o.field === e.field && o.message === e.message) === i);

/** A product's fields as a CSV row (the order of CSV_COLUMNS), for export. */
export function productCsvRow(
  p: {
    sku: string;
    title: string;
    description: string;
    unit: string;
    minOrderQty: number;
    orderIncrement: number;
    leadTimeDays: number;
    stockQty: number;
    currency: string;
    basePriceMinor: number;
    attributes: { name: string; value: string }[];
    status: ProductStatus;
  },
  tiers: Tier[],
  categorySlug: string | null,
): string[] {
  return [
    guard(p.sku),
    guard(p.title),
    guard(p.description),
    categorySlug ?? '',
    guard(p.unit),
    String(p.minOrderQty),
    String(p.orderIncrement),
    String(p.leadTimeDays),
    String(p.stockQty),
    p.currency,
    formatMajorAmount(p.basePriceMinor, p.currency),
    tiers.map((t) => `${t.minQty}:${formatMajorAmount(t.unitPriceMinor, p.currency)}`).join('|'),
    guard(p.attributes.map((a) => `${a.name}=${a.value}`).join('|')),
    p.status,
  ];
}
