/**
 * How the values of the API are said to people: statuses and field paths. One list, used by the
 * API's messages and by both apps (a browser-safe subpath, `@agora/contracts/labels`: no zod).
 * Industries have theirs in vendors.ts (`industryLabel`).
 */

/** Every status a page shows (products, vendors, imports, tenants, users, provisioning steps). */
export const STATUS_LABELS: Record<string, string> = {
  draft: 'draft',
  pending_review: 'waiting for review',
  published: 'published',
  archived: 'archived',
  pending: 'pending',
  info_requested: 'information requested',
  approved: 'approved',
  rejected: 'rejected',
  suspended: 'suspended',
  queued: 'queued',
  running: 'running',
  done: 'done',
  failed: 'failed',
  active: 'active',
  invited: 'invited',
  disabled: 'disabled',
  provisioning: 'being set up',
  succeeded: 'succeeded',
  stored: 'stored',
  sent: 'sent',
};

/** Where a word means something more precise: a pending vendor waits for the operator's review. */
const STATUS_LABELS_OF: Record<string, Record<string, string>> = {
  vendor: { pending: 'waiting for review' },
};

/** A status as people say it (`of`: whose status); an unknown one with its underscores as spaces. */
export const statusLabel = (status: string, of?: 'vendor' | 'product' | 'tenant' | 'import'): string =>
  (of ? STATUS_LABELS_OF[of]?.[status] : undefined) ?? STATUS_LABELS[status] ?? status.replaceAll('_', ' ');

/** Field names of API bodies as people say them (the last segment of a path). */
const FIELD_WORDS: Record<string, string> = {
  sku: 'SKU',
  categoryId: 'category',
  basePriceMinor: 'list price',
  unitPriceMinor: 'unit price',
  minQty: 'from quantity',
  minOrderQty: 'minimum order',
  orderIncrement: 'order step',
  leadTimeDays: 'lead time',
  stockQty: 'stock',
  priceMin: 'lowest price',
  priceMax: 'highest price',
  parentId: 'parent category',
  taxId: 'tax id',
  legalName: 'legal name',
  contactName: 'contact name',
  contactEmail: 'contact email',
  ownerEmail: 'owner email',
  primaryColor: 'main color',
  accentColor: 'accent color',
  autoApproveVendors: 'automatic vendor approval',
  moderateProducts: 'product review',
  vendorId: 'vendor',
  productId: 'product',
  ruleId: 'rule',
  rateBps: 'rate',
  amounts: 'amount',
  minAmounts: 'minimum',
  maxAmounts: 'maximum',
  validFrom: 'valid from',
  validTo: 'valid until',
  vendorGmv30dMinMinor: 'vendor GMV threshold',
  qty: 'quantity',
  '(body)': 'form',
};

/** Names of lists whose items a path numbers (`tiers.1.minQty`: "tier 2 from quantity"). */
const ITEM_WORDS: Record<string, string> = {
  tiers: 'tier',
  attributes: 'attribute',
  documents: 'document',
  industries: 'industry',
  changes: 'change',
};

const words = (name: string) =>
  FIELD_WORDS[name] ??
  name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();

/** A field path as people say it: `tiers.1.unitPriceMinor` -> "tier 2 unit price". */
export function fieldLabel(path: string): string {
  const parts = path.split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const next = parts[i + 1];
    if (ITEM_WORDS[part] && next !== undefined && /^\d+$/.test(next)) {
      out.push(`${ITEM_WORDS[part]} ${Number(next) + 1}`);
      i++;
    } else out.push(words(part));
  }
  return out.join(' ');
}

/** "tier 2 unit price, SKU and currency" */
export function listOfFields(paths: string[]): string {
  const labels = [...new Set(paths.map(fieldLabel))];
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/** The one message of a refused form or body: "Please check the product's tier 2 unit price." */
export const checkFieldsMessage = (what: string, paths: string[]): string =>
  `Please check the ${what}: ${listOfFields(paths)}.`;

/** Commission rules (ADR 0034-h4): scopes, kinds, caps and explain reasons as people say them. */
export const COMMISSION_SCOPE_LABELS: Record<string, string> = {
  marketplace: 'whole marketplace',
  vendor: 'vendor',
  category: 'category',
  vendor_category: 'vendor in a category',
  product: 'product',
};
export const COMMISSION_KIND_LABELS: Record<string, string> = {
  percent: 'percent of the line',
  flat_per_unit: 'flat per unit',
  flat_per_line: 'flat per line',
};
export const COMMISSION_CAP_LABELS: Record<string, string> = {
  none: 'no cap',
  min: 'raised to the minimum',
  max: 'capped at the maximum',
  base: 'limited to the line amount',
};
export const COMMISSION_REASON_LABELS: Record<string, string> = {
  won: 'wins',
  disabled: 'disabled',
  not_yet_valid: 'not valid yet',
  expired: 'no longer valid',
  other_product: 'for another product',
  other_vendor: 'for another vendor',
  other_category: 'for another category',
  condition_not_met: 'vendor GMV condition not met',
  no_amount_in_currency: 'no amount in this currency',
  less_specific: 'a more specific rule wins',
  lower_priority: 'a rule of higher priority wins',
  older: 'a newer rule wins',
};
