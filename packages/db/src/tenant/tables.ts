import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * The tenant schema template. Every tenant schema is created from these tables; the factory
 * qualifies each table with the tenant's schema name, so SQL is `"t_xxx"."users"` and safe on
 * a shared pool or behind PgBouncer. Memoized: one set of table objects per schema.
 *
 * Not exported from the package: tenant tables are only reachable through `withTenant`.
 */
/** PostgreSQL full-text document; maintained by the search indexer, never by hand. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

function defineTenantTables(schemaName: string) {
  const s = pgSchema(schemaName);

  const settings = s.table(
    'settings',
    {
      id: integer('id').primaryKey().default(1),
      publicName: text('public_name').notNull(),
      tagline: text('tagline').notNull().default(''),
      theme: jsonb('theme').$type<Record<string, unknown>>().notNull(),
      /** The storefront footer the operator writes: `{ text, links: [{ label, url }] }` (contracts Footer). */
      footer: jsonb('footer').$type<Record<string, unknown>>().notNull().default({}),
      /** Marketplace rules: `{ autoApproveVendors, moderateProducts }` (see core/marketplace). */
      marketplace: jsonb('marketplace').$type<Record<string, unknown>>().notNull().default({}),
      /** HMAC-SHA256 key of the tracking webhook (ADR 0036); made on first use, rotatable. */
      trackingWebhookSecret: text('tracking_webhook_secret'),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [check('settings_single_row', sql`${t.id} = 1`)],
  );

  const users = s.table(
    'users',
    {
      id: text('id').primaryKey(),
      email: text('email').notNull(),
      name: text('name').notNull().default(''),
      passwordHash: text('password_hash'),
      role: text('role', {
        enum: [
          'owner',
          'operator',
          'vendor_admin',
          'vendor_staff',
          'buyer_admin',
          'buyer_member',
          'buyer_approver',
        ],
      }).notNull(),
      status: text('status', { enum: ['invited', 'active', 'disabled'] }).notNull(),
      /** Vendor admins and staff belong to exactly one vendor; everyone else to none. */
      vendorId: text('vendor_id').references(() => vendors.id),
      /** Buyer admins, members and approvers belong to exactly one company. */
      companyId: text('company_id').references(() => companies.id),
      /**
       * A buyer's spending limit: at most this much (marketplace currency, minor units) in orders
       * placed per calendar period (week, month, quarter) in the marketplace's time zone. Null: none.
       */
      spendingLimitMinor: bigint('spending_limit_minor', { mode: 'number' }),
      spendingPeriod: text('spending_period', { enum: ['week', 'month', 'quarter'] }),
      emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
      /** In every token; raising it ends every session of this user at once (ADR 0024). */
      sessionVersion: integer('session_version').notNull().default(0),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      uniqueIndex('users_email_idx').on(t.email),
      index('users_vendor_id_idx').on(t.vendorId),
      index('users_company_id_idx').on(t.companyId),
      check(
        'users_spending_limit_check',
        sql`(${t.spendingLimitMinor} is null) = (${t.spendingPeriod} is null) and coalesce(${t.spendingLimitMinor}, 0) >= 0`,
      ),
    ],
  );

  /** A buyer's business: who orders, on what terms (ADR 0033). */
  const companies = s.table(
    'companies',
    {
      id: text('id').primaryKey(),
      legalName: text('legal_name').notNull(),
      /** ISO 3166-1 alpha-2. */
      country: text('country').notNull(),
      taxId: text('tax_id').notNull(),
      billingAddress: jsonb('billing_address').$type<Record<string, string>>().notNull(),
      status: text('status', {
        enum: ['pending', 'info_requested', 'approved', 'rejected', 'suspended'],
      }).notNull(),
      statusReason: text('status_reason'),
      /** `prepay`: bank transfer in advance; `net`: invoice payable in `netDays`. */
      paymentTerms: text('payment_terms', { enum: ['prepay', 'net'] })
        .notNull()
        .default('prepay'),
      netDays: integer('net_days').notNull().default(0),
      /** Open invoices (net terms, not paid, not cancelled) may not exceed this; null: no limit. */
      creditLimitMinor: bigint('credit_limit_minor', { mode: 'number' }),
      decidedAt: timestamp('decided_at', { withTimezone: true }),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      index('companies_status_created_at_idx').on(t.status, t.createdAt),
      check('companies_terms_check', sql`${t.netDays} >= 0 and coalesce(${t.creditLimitMinor}, 0) >= 0`),
    ],
  );

  const companyAddresses = s.table(
    'company_addresses',
    {
      id: text('id').primaryKey(),
      companyId: text('company_id')
        .notNull()
        .references(() => companies.id, { onDelete: 'cascade' }),
      label: text('label').notNull(),
      address: jsonb('address').$type<Record<string, string>>().notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [index('company_addresses_company_id_idx').on(t.companyId)],
  );

  const vendors = s.table(
    'vendors',
    {
      id: text('id').primaryKey(),
      name: text('name').notNull(),
      legalName: text('legal_name').notNull(),
      /** ISO 3166-1 alpha-2. */
      country: text('country').notNull(),
      taxId: text('tax_id').notNull(),
      contactName: text('contact_name').notNull(),
      contactEmail: text('contact_email').notNull(),
      website: text('website'),
      description: text('description').notNull().default(''),
      industries: jsonb('industries').$type<string[]>().notNull().default([]),
      status: text('status', {
        enum: ['pending', 'info_requested', 'approved', 'rejected', 'suspended'],
      }).notNull(),
      /** Why it was rejected, suspended, or what information is missing. */
      statusReason: text('status_reason'),
      verified: boolean('verified').notNull().default(false),
      /** Invoice numbers are `<prefix>-<year>-<sequence>`; null: derived from the name. */
      invoicePrefix: text('invoice_prefix'),
      /** Per currency: `{ EUR: { flatMinor, freeFromMinor } }`; none set means free shipping. */
      shippingRates: jsonb('shipping_rates')
        .$type<Record<string, { flatMinor: number; freeFromMinor: number | null }>>()
        .notNull()
        .default({}),
      decidedAt: timestamp('decided_at', { withTimezone: true }),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [index('vendors_status_created_at_idx').on(t.status, t.createdAt)],
  );

  const vendorDocuments = s.table(
    'vendor_documents',
    {
      id: text('id').primaryKey(),
      vendorId: text('vendor_id')
        .notNull()
        .references(() => vendors.id, { onDelete: 'cascade' }),
      fileKey: text('file_key').notNull(),
      filename: text('filename').notNull(),
      contentType: text('content_type').notNull(),
      sizeBytes: integer('size_bytes').notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [index('vendor_documents_vendor_id_idx').on(t.vendorId)],
  );

  /** A tree: `path` is the ids from the root, `/cat_a/cat_b/`, so a subtree is a prefix match. */
  const categories = s.table(
    'categories',
    {
      id: text('id').primaryKey(),
      parentId: text('parent_id'),
      name: text('name').notNull(),
      slug: text('slug').notNull(),
      path: text('path').notNull(),
      position: integer('position').notNull().default(0),
      archivedAt: timestamp('archived_at', { withTimezone: true }),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      uniqueIndex('categories_slug_idx').on(t.slug),
      index('categories_path_idx').on(t.path.op('text_pattern_ops')),
    ],
  );

  const products = s.table(
    'products',
    {
      id: text('id').primaryKey(),
      vendorId: text('vendor_id')
        .notNull()
        .references(() => vendors.id),
      sku: text('sku').notNull(),
      title: text('title').notNull(),
      description: text('description').notNull().default(''),
      categoryId: text('category_id').references(() => categories.id),
      /** Unit of measure ("piece", "kg", "box of 100"). */
      unit: text('unit').notNull(),
      minOrderQty: integer('min_order_qty').notNull().default(1),
      orderIncrement: integer('order_increment').notNull().default(1),
      leadTimeDays: integer('lead_time_days').notNull().default(0),
      stockQty: integer('stock_qty').notNull().default(0),
      /** Stock-tracked products sell at most `stockQty` units; others are made to order. */
      trackStock: boolean('track_stock').notNull().default(false),
      attributes: jsonb('attributes').$type<{ name: string; value: string }[]>().notNull().default([]),
      currency: text('currency').notNull(),
      /** List unit price in minor units (cents); volume tiers are at or below it. */
      basePriceMinor: bigint('base_price_minor', { mode: 'number' }).notNull(),
      status: text('status', { enum: ['draft', 'pending_review', 'published', 'archived'] }).notNull(),
      /** Why it has its status: the operator's reason when moderation sent it back to draft. */
      statusReason: text('status_reason'),
      publishedAt: timestamp('published_at', { withTimezone: true }),
      /** Weighted words of title, SKU, attributes, vendor and category names, description. */
      searchDocument: tsvector('search_document'),
      /**
       * Unit price at the minimum order quantity (the tier in effect there, else the list price),
       * kept by the search reindex with the other search columns: price sorts and filters at the
       * MOQ read it instead of computing it per product.
       */
      priceMoqMinor: bigint('price_moq_minor', { mode: 'number' }),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      uniqueIndex('products_vendor_id_sku_idx').on(t.vendorId, t.sku),
      index('products_status_category_id_idx').on(t.status, t.categoryId),
      // Browsing newest first (the storefront home, a search without words) reads this in order
      // and stops after the page: no sort of the whole catalog.
      index('products_published_newest_idx')
        .on(t.publishedAt.desc().nullsLast(), t.id.desc())
        .where(sql`${t.status} = 'published'`),
      // Browsing by price at the MOQ, both ways (backwards for high to low), stopping early.
      index('products_published_price_idx').on(t.priceMoqMinor, t.id).where(sql`${t.status} = 'published'`),
      index('products_search_document_idx').using('gin', t.searchDocument),
      check(
        'products_quantities_check',
        sql`${t.minOrderQty} >= 1 and ${t.orderIncrement} >= 1 and ${t.stockQty} >= 0`,
      ),
      check('products_price_check', sql`${t.basePriceMinor} >= 0`),
    ],
  );

  const productImages = s.table(
    'product_images',
    {
      productId: text('product_id')
        .notNull()
        .references(() => products.id, { onDelete: 'cascade' }),
      position: integer('position').notNull(),
      fileKey: text('file_key').notNull(),
    },
    // By file: serving an image checks which products use it (only public ones' are public).
    (t) => [
      primaryKey({ columns: [t.productId, t.position] }),
      index('product_images_file_key_idx').on(t.fileKey),
    ],
  );

  /** Volume pricing: only lower bounds are stored, so bands can neither overlap nor leave gaps. */
  const priceTiers = s.table(
    'price_tiers',
    {
      productId: text('product_id')
        .notNull()
        .references(() => products.id, { onDelete: 'cascade' }),
      minQty: integer('min_qty').notNull(),
      unitPriceMinor: bigint('unit_price_minor', { mode: 'number' }).notNull(),
    },
    (t) => [primaryKey({ columns: [t.productId, t.minQty] })],
  );

  /** One server-side cart per buyer user: a line per product, kept across sessions and devices. */
  const cartLines = s.table(
    'cart_lines',
    {
      userId: text('user_id')
        .notNull()
        .references(() => users.id, { onDelete: 'cascade' }),
      productId: text('product_id')
        .notNull()
        .references(() => products.id, { onDelete: 'cascade' }),
      qty: integer('qty').notNull(),
      /** The unit price when the line was last set, to flag a price change before checkout. */
      unitPriceSeenMinor: bigint('unit_price_seen_minor', { mode: 'number' }).notNull(),
      addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      primaryKey({ columns: [t.userId, t.productId] }),
      check('cart_lines_qty_check', sql`${t.qty} >= 1`),
    ],
  );

  /**
   * One checkout: unique per buyer and idempotency key, so a retried or replayed checkout finds
   * it. `awaiting_approval` keeps the requested lines (no stock held) until an approver decides.
   */
  const orderGroups = s.table(
    'order_groups',
    {
      id: text('id').primaryKey(),
      buyerUserId: text('buyer_user_id')
        .notNull()
        .references(() => users.id),
      companyId: text('company_id')
        .notNull()
        .references(() => companies.id),
      idempotencyKey: text('idempotency_key').notNull(),
      status: text('status', { enum: ['awaiting_approval', 'placed', 'declined'] }).notNull(),
      currency: text('currency').notNull(),
      request: jsonb('request').$type<Record<string, unknown>>().notNull(),
      totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
      decidedByUserId: text('decided_by_user_id'),
      decidedAt: timestamp('decided_at', { withTimezone: true }),
      /** Why an approver declined it (shown to the buyer). */
      decisionReason: text('decision_reason'),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      uniqueIndex('order_groups_buyer_user_id_idempotency_key_idx').on(t.buyerUserId, t.idempotencyKey),
      index('order_groups_company_id_status_idx').on(t.companyId, t.status),
    ],
  );

  /**
   * Commission rules (ADR 0037). A rule is its versions: editing adds a version and moves
   * `current_version`; orders point at the (rule, version) that applied. `enabled` mirrors the
   * current version's (for filtering); deleting a rule disables it. Exactly one rule is the
   * marketplace default (seeded by the migration, never disabled or deleted).
   */
  const commissionRules = s.table(
    'commission_rules',
    {
      id: text('id').primaryKey(),
      currentVersion: integer('current_version').notNull(),
      enabled: boolean('enabled').notNull(),
      isDefault: boolean('is_default').notNull().default(false),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      uniqueIndex('commission_rules_default_idx').on(t.isDefault).where(sql`${t.isDefault}`),
      index('commission_rules_updated_at_idx').on(t.updatedAt.desc(), t.id.desc()),
    ],
  );

  /** One version of a rule: never updated, a change is a new row. */
  const commissionRuleVersions = s.table(
    'commission_rule_versions',
    {
      ruleId: text('rule_id')
        .notNull()
        .references(() => commissionRules.id),
      version: integer('version').notNull(),
      scope: text('scope', {
        enum: ['marketplace', 'vendor', 'category', 'product', 'vendor_category'],
      }).notNull(),
      vendorId: text('vendor_id').references(() => vendors.id),
      categoryId: text('category_id').references(() => categories.id),
      productId: text('product_id').references(() => products.id),
      kind: text('kind', { enum: ['percent', 'flat_per_unit', 'flat_per_line'] }).notNull(),
      /** Percent rules: basis points of the line's net amount. */
      rateBps: integer('rate_bps'),
      /** Flat rules: the amount per currency, `{ "EUR": 120 }`. */
      amounts: jsonb('amounts').$type<Record<string, number>>().notNull().default({}),
      /** Optional bounds per line, per currency. */
      minAmounts: jsonb('min_amounts').$type<Record<string, number>>().notNull().default({}),
      maxAmounts: jsonb('max_amounts').$type<Record<string, number>>().notNull().default({}),
      validFrom: timestamp('valid_from', { withTimezone: true }),
      validTo: timestamp('valid_to', { withTimezone: true }),
      priority: integer('priority').notNull().default(0),
      enabled: boolean('enabled').notNull(),
      note: text('note').notNull().default(''),
      /** Condition: the vendor's trailing 30-day GMV at or above this, per currency. */
      vendorGmv30dMinMinor: jsonb('vendor_gmv_30d_min_minor').$type<Record<string, number>>(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      createdBy: text('created_by'),
    },
    (t) => [
      primaryKey({ columns: [t.ruleId, t.version] }),
      check(
        'commission_rule_versions_scope_check',
        sql`(${t.scope} = 'marketplace' and ${t.vendorId} is null and ${t.categoryId} is null and ${t.productId} is null)
          or (${t.scope} = 'vendor' and ${t.vendorId} is not null and ${t.categoryId} is null and ${t.productId} is null)
          or (${t.scope} = 'category' and ${t.vendorId} is null and ${t.categoryId} is not null and ${t.productId} is null)
          or (${t.scope} = 'product' and ${t.vendorId} is null and ${t.categoryId} is null and ${t.productId} is not null)
          or (${t.scope} = 'vendor_category' and ${t.vendorId} is not null and ${t.categoryId} is not null and ${t.productId} is null)`,
      ),
      check(
        'commission_rule_versions_kind_check',
        sql`(${t.kind} = 'percent') = (${t.rateBps} is not null) and (${t.rateBps} is null or ${t.rateBps} between 0 and 10000)`,
      ),
      check(
        'commission_rule_versions_validity_check',
        sql`${t.validFrom} is null or ${t.validTo} is null or ${t.validFrom} < ${t.validTo}`,
      ),
    ],
  );

  /**
   * One vendor's part of a checkout. Amounts are frozen at placement. Never deleted or renumbered
   * (`orders_kept`, tenant migration 0021): cancelled instead.
   */
  const orders = s.table(
    'orders',
    {
      id: text('id').primaryKey(),
      groupId: text('group_id')
        .notNull()
        .references(() => orderGroups.id),
      vendorId: text('vendor_id')
        .notNull()
        .references(() => vendors.id),
      companyId: text('company_id')
        .notNull()
        .references(() => companies.id),
      buyerUserId: text('buyer_user_id')
        .notNull()
        .references(() => users.id),
      status: text('status', {
        enum: ['placed', 'accepted', 'rejected', 'shipped', 'delivered', 'completed', 'cancelled'],
      }).notNull(),
      statusReason: text('status_reason'),
      currency: text('currency').notNull(),
      subtotalMinor: bigint('subtotal_minor', { mode: 'number' }).notNull(),
      taxMinor: bigint('tax_minor', { mode: 'number' }).notNull(),
      shippingMinor: bigint('shipping_minor', { mode: 'number' }).notNull(),
      totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
      /** The sum of its lines' commission, frozen at placement (issue 13). */
      commissionMinor: bigint('commission_minor', { mode: 'number' }).notNull().default(0),
      paymentTerms: text('payment_terms', { enum: ['prepay', 'net'] }).notNull(),
      netDays: integer('net_days').notNull(),
      paidAt: timestamp('paid_at', { withTimezone: true }),
      shippingAddress: jsonb('shipping_address').$type<Record<string, string>>().notNull(),
      poNumber: text('po_number'),
      note: text('note').notNull().default(''),
      placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      index('orders_group_id_idx').on(t.groupId),
      // Spending limits: a buyer's orders in a period. Lists: newest first per vendor and company.
      index('orders_buyer_user_id_placed_at_idx').on(t.buyerUserId, t.placedAt),
      index('orders_vendor_id_placed_at_idx').on(t.vendorId, t.placedAt.desc(), t.id.desc()),
      index('orders_company_id_placed_at_idx').on(t.companyId, t.placedAt.desc(), t.id.desc()),
      // Commission simulation and reports: every order of a date range.
      index('orders_placed_at_idx').on(t.placedAt),
      check(
        'orders_amounts_check',
        sql`${t.subtotalMinor} >= 0 and ${t.taxMinor} >= 0 and ${t.shippingMinor} >= 0 and ${t.totalMinor} = ${t.subtotalMinor} + ${t.taxMinor} + ${t.shippingMinor}`,
      ),
    ],
  );

  /** What was bought, as it was when bought (title, SKU, tier and tax are copies, not links). */
  const orderLines = s.table(
    'order_lines',
    {
      orderId: text('order_id')
        .notNull()
        .references(() => orders.id, { onDelete: 'cascade' }),
      lineNo: integer('line_no').notNull(),
      productId: text('product_id')
        .notNull()
        .references(() => products.id),
      sku: text('sku').notNull(),
      title: text('title').notNull(),
      unit: text('unit').notNull(),
      qty: integer('qty').notNull(),
      unitPriceMinor: bigint('unit_price_minor', { mode: 'number' }).notNull(),
      /** The volume tier's lower bound the unit price came from. */
      tierMinQty: integer('tier_min_qty').notNull(),
      netMinor: bigint('net_minor', { mode: 'number' }).notNull(),
      taxBps: integer('tax_bps').notNull(),
      taxMinor: bigint('tax_minor', { mode: 'number' }).notNull(),
      /** The marketplace's commission on this line, frozen at placement (ADR 0037). */
      commissionMinor: bigint('commission_minor', { mode: 'number' }).notNull().default(0),
      /** Placement took `qty` from the product's stock: a rejection or cancellation gives it back. */
      stockTaken: boolean('stock_taken').notNull().default(false),
      /** The rule version that won at placement (null: placed before commission rules). */
      commissionRuleId: text('commission_rule_id'),
      commissionRuleVersion: integer('commission_rule_version'),
      /** What the commission was computed on: the line's net amount (before tax). */
      commissionBaseMinor: bigint('commission_base_minor', { mode: 'number' }).notNull().default(0),
      /** The winning rule's rate (percent rules) or flat amount (flat rules) in this currency. */
      commissionRateBps: integer('commission_rate_bps'),
      commissionFlatMinor: bigint('commission_flat_minor', { mode: 'number' }),
      /** Which bound limited the amount: none, the rule's min or max, or the line's base. */
      commissionCap: text('commission_cap', { enum: ['none', 'min', 'max', 'base'] })
        .notNull()
        .default('none'),
    },
    (t) => [
      primaryKey({ columns: [t.orderId, t.lineNo] }),
      foreignKey({
        name: 'order_lines_commission_rule_version_fk',
        columns: [t.commissionRuleId, t.commissionRuleVersion],
        foreignColumns: [commissionRuleVersions.ruleId, commissionRuleVersions.version],
      }),
      check(
        'order_lines_commission_check',
        sql`${t.commissionMinor} >= 0 and ${t.commissionMinor} <= ${t.commissionBaseMinor} or ${t.commissionRuleId} is null`,
      ),
      check(
        'order_lines_amounts_check',
        sql`${t.qty} >= 1 and ${t.netMinor} = ${t.qty} * ${t.unitPriceMinor}`,
      ),
    ],
  );

  /** One parcel of an order: some quantity of some lines, with its carrier and tracking number. */
  const shipments = s.table(
    'shipments',
    {
      id: text('id').primaryKey(),
      orderId: text('order_id')
        .notNull()
        .references(() => orders.id),
      carrier: text('carrier').notNull(),
      trackingNumber: text('tracking_number').notNull(),
      shippedAt: timestamp('shipped_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      index('shipments_order_id_idx').on(t.orderId),
      index('shipments_tracking_number_idx').on(t.trackingNumber),
    ],
  );

  /**
   * How much of an order line left in a shipment. Never more than ordered in all: checked in code
   * under the order's row lock, and by a trigger (migration `order_fulfilment`).
   */
  const shipmentLines = s.table(
    'shipment_lines',
    {
      shipmentId: text('shipment_id')
        .notNull()
        .references(() => shipments.id),
      orderId: text('order_id').notNull(),
      lineNo: integer('line_no').notNull(),
      qty: integer('qty').notNull(),
    },
    (t) => [
      primaryKey({ columns: [t.shipmentId, t.lineNo] }),
      foreignKey({ columns: [t.orderId, t.lineNo], foreignColumns: [orderLines.orderId, orderLines.lineNo] }),
      index('shipment_lines_order_id_line_no_idx').on(t.orderId, t.lineNo),
      check('shipment_lines_qty_check', sql`${t.qty} >= 1`),
    ],
  );

  /** Where a shipment is: added by the vendor or posted to the signed tracking webhook. */
  const trackingEvents = s.table(
    'tracking_events',
    {
      id: text('id').primaryKey(),
      shipmentId: text('shipment_id')
        .notNull()
        .references(() => shipments.id),
      occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
      status: text('status', {
        enum: ['label_created', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'exception'],
      }).notNull(),
      location: text('location').notNull().default(''),
      note: text('note').notNull().default(''),
      source: text('source', { enum: ['vendor', 'webhook'] }).notNull(),
      /** The webhook sender's event id: a replayed post is refused by this key. */
      externalId: text('external_id'),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      index('tracking_events_shipment_id_occurred_at_idx').on(t.shipmentId, t.occurredAt),
      uniqueIndex('tracking_events_external_id_idx').on(t.externalId),
    ],
  );

  /** A vendor order's invoice, issued when the vendor accepts it (ADR 0036). */
  const invoices = s.table(
    'invoices',
    {
      id: text('id').primaryKey(),
      orderId: text('order_id')
        .notNull()
        .references(() => orders.id),
      vendorId: text('vendor_id')
        .notNull()
        .references(() => vendors.id),
      /** `<vendor prefix>-<year>-<sequence>`: gapless per vendor and year. */
      number: text('number').notNull(),
      year: integer('year').notNull(),
      seq: integer('seq').notNull(),
      issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
      dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    },
    (t) => [
      uniqueIndex('invoices_order_id_idx').on(t.orderId),
      uniqueIndex('invoices_vendor_id_year_seq_idx').on(t.vendorId, t.year, t.seq),
    ],
  );

  /** The last invoice sequence per vendor and year; its row lock makes numbering gapless. */
  const invoiceCounters = s.table(
    'invoice_counters',
    {
      vendorId: text('vendor_id')
        .notNull()
        .references(() => vendors.id),
      year: integer('year').notNull(),
      lastSeq: integer('last_seq').notNull(),
    },
    (t) => [primaryKey({ columns: [t.vendorId, t.year] })],
  );

  /**
   * The double-entry ledger (ADR 0038). An account per (kind, owner, currency): a buyer
   * company's receivable, a vendor's payable, and the marketplace's own commission revenue, tax
   * collected, shipping and cash (owner null). Its balance is kept in `ledger_balances` (ADR 0043).
   * Append-only, like entries and transactions (tenant migration 0021, ADR 0044).
   */
  const ledgerAccounts = s.table(
    'ledger_accounts',
    {
      id: text('id').primaryKey(),
      kind: text('kind', {
        enum: [
          'company_receivable',
          'vendor_payable',
          'commission_revenue',
          'tax_collected',
          'shipping',
          'cash',
        ],
      }).notNull(),
      /** The company (receivable) or vendor (payable); null for the marketplace's own accounts. */
      ownerId: text('owner_id'),
      currency: text('currency').notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      // One account per kind, owner and currency; null owners (the marketplace's accounts) compare
      // equal. An expression index, so that lookups by key use it too (ledger_post).
      uniqueIndex('ledger_accounts_key_idx').on(t.kind, sql`coalesce(${t.ownerId}, '')`, t.currency),
      check(
        'ledger_accounts_owner_check',
        sql`(${t.ownerId} is null) = (${t.kind} not in ('company_receivable', 'vendor_payable'))`,
      ),
    ],
  );

  /**
   * One posting: its entries sum to zero per currency (checked by PostgreSQL as they are
   * inserted). The ledger tables are written only by the schema's `ledger_post` (ADR 0043).
   */
  const ledgerTransactions = s.table(
    'ledger_transactions',
    {
      id: text('id').primaryKey(),
      /** A retried posting with the same key finds this one and writes nothing. */
      idempotencyKey: text('idempotency_key').notNull(),
      kind: text('kind', {
        enum: ['order_placed', 'order_reversed', 'invoice_paid', 'vendor_paid'],
      }).notNull(),
      /** What it is about: an order id, a bank transfer's reference. */
      reference: text('reference').notNull(),
      memo: text('memo').notNull().default(''),
      actorUserId: text('actor_user_id'),
      occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      uniqueIndex('ledger_transactions_idempotency_key_idx').on(t.idempotencyKey),
      index('ledger_transactions_occurred_at_idx').on(t.occurredAt),
    ],
  );

  /**
   * Signed amounts (debit positive, credit negative); inserted only, never updated or deleted.
   * No foreign keys (ADR 0044): the balanced trigger checks, once per INSERT statement, that each
   * entry's account exists in the entry's currency and its order exists, and neither can go away
   * (accounts are append-only, orders are never deleted). Keyed by transaction: the entries of a
   * transaction are read together.
   */
  const ledgerEntries = s.table(
    'ledger_entries',
    {
      id: bigserial('id', { mode: 'number' }).notNull(),
      transactionId: text('transaction_id').notNull(),
      accountId: text('account_id').notNull(),
      /** The order this entry belongs to (statements, receivables per invoice); null for payouts. */
      orderId: text('order_id'),
      amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
      currency: text('currency').notNull(),
    },
    (t) => [
      primaryKey({ columns: [t.transactionId, t.id] }),
      index('ledger_entries_account_id_id_idx').on(t.accountId, t.id),
      index('ledger_entries_order_id_idx').on(t.orderId),
      check('ledger_entries_amount_check', sql`${t.amountMinor} <> 0`),
    ],
  );

  /**
   * Account balances (debit positive, the sum of the account's entries), each account's spread
   * over up to 8 rows (ADR 0043; slots 0-7, from the `ledger_balance_slots` sequence): a posting
   * moves the slot of its database connection, so concurrent postings to one account (the
   * marketplace's commission and tax accounts: every checkout) do not queue on one row. An account's balance is the sum of its
   * slots, its version (how many postings moved it) the sum of theirs. Written only by
   * `ledger_post`, in the transaction that writes the entries, slots locked in account order.
   */
  const ledgerBalances = s.table(
    'ledger_balances',
    {
      accountId: text('account_id')
        .notNull()
        .references(() => ledgerAccounts.id),
      slot: smallint('slot').notNull(),
      balanceMinor: bigint('balance_minor', { mode: 'number' }).notNull(),
      version: bigint('version', { mode: 'number' }).notNull(),
    },
    (t) => [primaryKey({ columns: [t.accountId, t.slot] })],
  );

  /** A CSV import of products: progress while it runs, per-row errors when done. */
  const catalogImports = s.table(
    'catalog_imports',
    {
      id: text('id').primaryKey(),
      vendorId: text('vendor_id')
        .notNull()
        .references(() => vendors.id),
      fileKey: text('file_key').notNull(),
      status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
      totalRows: integer('total_rows').notNull().default(0),
      processedRows: integer('processed_rows').notNull().default(0),
      createdCount: integer('created_count').notNull().default(0),
      updatedCount: integer('updated_count').notNull().default(0),
      errors: jsonb('errors')
        .$type<{ row: number; field: string; message: string }[]>()
        .notNull()
        .default([]),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [index('catalog_imports_vendor_id_idx').on(t.vendorId, t.createdAt)],
  );

  /** Who did what, when, inside this marketplace (operator decisions, vendor changes). */
  const auditLog = s.table(
    'audit_log',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      actorUserId: text('actor_user_id'),
      action: text('action').notNull(),
      subjectType: text('subject_type').notNull(),
      subjectId: text('subject_id').notNull(),
      data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [index('audit_log_subject_idx').on(t.subjectType, t.subjectId)],
  );

  /** Events written in the same transaction as the change they describe, relayed later. */
  const outbox = s.table(
    'outbox',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      topic: text('topic').notNull(),
      payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      publishedAt: timestamp('published_at', { withTimezone: true }),
    },
    (t) => [index('outbox_unpublished_idx').on(t.id).where(sql`${t.publishedAt} is null`)],
  );

  /**
   * One-time links (invitation, password reset). Only the sha256 of the random token is kept.
   * `outbox_id` is the event that made the token: re-handling that event replaces the token
   * instead of adding a second live one.
   */
  const userTokens = s.table(
    'user_tokens',
    {
      id: text('id').primaryKey(),
      userId: text('user_id')
        .notNull()
        .references(() => users.id, { onDelete: 'cascade' }),
      purpose: text('purpose', { enum: ['invite', 'reset'] }).notNull(),
      tokenHash: text('token_hash').notNull(),
      outboxId: bigint('outbox_id', { mode: 'number' }),
      expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
      usedAt: timestamp('used_at', { withTimezone: true }),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      uniqueIndex('user_tokens_token_hash_idx').on(t.tokenHash),
      uniqueIndex('user_tokens_outbox_id_idx').on(t.outboxId),
      check('user_tokens_purpose_check', sql`${t.purpose} in ('invite', 'reset')`),
    ],
  );

  /**
   * One row: a counter that every committed transaction changing what search shows (products,
   * tiers, images, vendors, categories) raises by one, through deferred triggers (migration
   * 0007). A search result read in the same snapshot as version N is valid while the version is
   * N, which is what the search cache checks (ADR 0020). Never written by application code.
   */
  const catalogVersion = s.table(
    'catalog_version',
    {
      id: integer('id').primaryKey().default(1),
      version: bigint('version', { mode: 'number' }).notNull().default(0),
    },
    (t) => [check('catalog_version_single_row', sql`${t.id} = 1`)],
  );

  /**
   * The commission rules' version (ADR 0037, "Rules in memory"): one row, raised once per committed
   * transaction that changes a rule, a rule version or a category (rules by category match by
   * path). Placement reads it with the commerce settings and uses the rules it keeps in memory
   * while the version is theirs.
   */
  const commissionVersion = s.table(
    'commission_version',
    {
      id: integer('id').primaryKey().default(1),
      version: bigint('version', { mode: 'number' }).notNull().default(0),
    },
    (t) => [check('commission_version_single_row', sql`${t.id} = 1`)],
  );

  /**
   * The catalog's words, where search looks for the corrected spelling of a typo (ADR 0026): the
   * lexemes of `products.search_document` made of letters (and inner hyphens), 3 to 40 characters,
   * added by the search reindex in the transaction that writes the products. Words are only added
   * there (no unique key, so concurrent writers never wait for each other: a word may be listed
   * twice); a full reindex rebuilds the list without the words no product has any more. Search
   * checks every candidate against the visible products, so a stale or hidden word is never shown.
   */
  const searchWords = s.table('search_words', { word: text('word').notNull() }, (t) => [
    index('search_words_word_idx').on(t.word),
  ]);

  return {
    settings,
    users,
    companies,
    companyAddresses,
    cartLines,
    orderGroups,
    orders,
    orderLines,
    shipments,
    shipmentLines,
    trackingEvents,
    invoices,
    invoiceCounters,
    ledgerAccounts,
    ledgerTransactions,
    ledgerEntries,
    ledgerBalances,
    commissionRules,
    commissionRuleVersions,
    outbox,
    userTokens,
    vendors,
    vendorDocuments,
    categories,
    products,
    productImages,
    priceTiers,
    catalogImports,
    auditLog,
    catalogVersion,
    commissionVersion,
    searchWords,
  };
}

export type TenantTables = ReturnType<typeof defineTenantTables>;

const cache = new Map<string, TenantTables>();

export function tenantTables(schemaName: string): TenantTables {
  let tables = cache.get(schemaName);
  if (!tables) {
    tables = defineTenantTables(schemaName);
    cache.set(schemaName, tables);
  }
  return tables;
}

/** Schema name the migrations are generated against; replaced by the tenant's at apply time. */
export const TEMPLATE_SCHEMA = 'tenant_template';
