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
  // orders (order-transitions.ts) and their tracking events
  placed: 'placed',
  accepted: 'accepted',
  shipped: 'shipped',
  delivered: 'delivered',
  completed: 'completed',
  cancelled: 'cancelled',
  label_created: 'label created',
  picked_up: 'picked up',
  in_transit: 'in transit',
  out_for_delivery: 'out for delivery',
  exception: 'delivery problem',
  verified: 'verified',
  failing: 'failing',
  awaiting_approval: 'waiting for approval',
  declined: 'declined',
};

/** Custom domains: what each status means to the operator. */
const STATUS_LABELS_DOMAIN: Record<string, string> = {
  pending: 'waiting for DNS',
  verified: 'verified',
  failing: 'failing (still served)',
  disabled: 'disabled',
};

/** Why a cart line is flagged, as the cart page says it. */
export const CART_FLAG_LABELS: Record<string, string> = {
  unpublished: 'no longer available',
  vendor_suspended: 'its vendor is not trading at the moment',
  price_changed: 'the price changed since you added it',
  quantity_not_allowed: 'this quantity cannot be ordered',
};

/** Where a word means something more precise: a pending vendor waits for the operator's review. */
const STATUS_LABELS_OF: Record<string, Record<string, string>> = {
  vendor: { pending: 'waiting for review' },
  domain: STATUS_LABELS_DOMAIN,
  company: {
    pending: 'waiting for approval',
    info_requested: 'information requested',
    approved: 'approved',
    rejected: 'not approved',
    suspended: 'suspended',
  },
};

/** A status as people say it (`of`: whose status); an unknown one with its underscores as spaces. */
export const statusLabel = (
  status: string,
  of?: 'vendor' | 'product' | 'tenant' | 'import' | 'domain' | 'company',
): string =>
  (of ? STATUS_LABELS_OF[of]?.[status] : undefined) ?? STATUS_LABELS[status] ?? status.replaceAll('_', ' ');

/** A buyer company's roles as its members say them (`buyer_member` is "Buyer"). */
export const BUYER_ROLE_LABELS: Record<string, string> = {
  buyer_admin: 'Administrator',
  buyer_member: 'Buyer',
  buyer_approver: 'Approver',
};

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
  trackingNumber: 'tracking number',
  lineNo: 'line',
  occurredAt: 'time',
  moderateProducts: 'product review',
  amountMinor: 'amount',
  orderIds: 'invoices',
  paidOn: 'payment date',
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
  lines: 'line',
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

/** Ledger transactions as the statement and the consoles say them (ADR 0038). */
export const LEDGER_KIND_LABELS: Record<string, string> = {
  order_placed: 'Order placed',
  order_reversed: 'Order reversed',
  invoice_paid: 'Invoice paid',
  vendor_paid: 'Payout',
};
export const ledgerKindLabel = (kind: string): string =>
  LEDGER_KIND_LABELS[kind] ?? kind.replaceAll('_', ' ');
/** Commission rules (ADR 0037): scopes, kinds, caps and explain reasons as people say them. */
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
