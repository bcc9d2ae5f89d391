/**
 * The catalog CSV's columns with what a vendor needs to fill them in: the header row names these
 * (any order, any case), and the console's import page shows this table. Plain data with no
 * server imports, so the console's browser bundle can use it (`@agora/core/catalog-csv`).
 * docs/catalog-csv.md has the full reference.
 */
export const CSV_COLUMN_REFERENCE = [
  {
    name: 'sku',
    required: true,
    help: 'Your product code, unique among your products. Matches rows to products: a known SKU updates, a new one creates.',
    example: 'BOLT-M8-40',
  },
  { name: 'title', required: true, help: 'Up to 200 characters, one line.', example: 'Hex bolt M8 x 40' },
  {
    name: 'description',
    required: false,
    help: 'Up to 10,000 characters; line breaks allowed in a quoted cell.',
    example: 'DIN 933, class 8.8',
  },
  {
    name: 'category_slug',
    required: false,
    help: 'The slug of a marketplace category; empty for none.',
    example: 'fasteners',
  },
  { name: 'unit', required: true, help: 'Unit of measure.', example: 'piece' },
  { name: 'min_order_qty', required: false, help: 'Whole number, at least 1 (default 1).', example: '100' },
  {
    name: 'order_increment',
    required: false,
    help: 'Whole number, at least 1 (default 1): orders are the minimum plus multiples of it.',
    example: '50',
  },
  { name: 'lead_time_days', required: false, help: 'Whole days, 0 to 3650 (default 0).', example: '3' },
  { name: 'stock_qty', required: false, help: 'Whole number, 0 or more (default 0).', example: '25000' },
  { name: 'currency', required: true, help: 'ISO 4217 code in capitals.', example: 'EUR' },
  {
    name: 'base_price',
    required: true,
    help: 'List unit price in major units with a dot, no currency sign or thousands separator.',
    example: '0.12',
  },
  {
    name: 'tiers',
    required: false,
    help: 'Volume prices, min_qty:unit_price pairs separated by |. The first starts at min_order_qty; prices never rise with quantity.',
    example: '100:0.12|1000:0.10',
  },
  {
    name: 'attributes',
    required: false,
    help: 'Specifications, Name=Value pairs separated by |.',
    example: 'Material=Steel|Thread=M8',
  },
  {
    name: 'status',
    required: false,
    help: "draft, published or archived. Empty keeps an existing product's status; new products are drafts.",
    example: 'draft',
  },
] as const;

export type CsvColumn = (typeof CSV_COLUMN_REFERENCE)[number]['name'];

/** The column names in the order exports and the template write them. */
export const CSV_COLUMNS: readonly CsvColumn[] = CSV_COLUMN_REFERENCE.map((c) => c.name);
