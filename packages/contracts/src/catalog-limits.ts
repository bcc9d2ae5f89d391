/**
 * Catalog limits, as plain numbers without zod so the console's browser bundle can import them
 * (`@agora/contracts/catalog-limits`): the product editor renders up to MAX_TIERS tier rows.
 */
export const MAX_ATTRIBUTES = 30;
export const MAX_TIERS = 20;
export const MAX_PRODUCT_IMAGES = 8;
export const PRODUCT_IMAGE_MAX_BYTES = 2 * 1024 * 1024;
export const CATALOG_IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/**
 * The most units one quantity may be: order quantities, tier bounds, quotes. With unit prices up
 * to 10^12 minor units, a total can still exceed exact integers (2^53): totals are computed in
 * BigInt and refused beyond Number.MAX_SAFE_INTEGER (see `quote` in core).
 */
export const MAX_QUANTITY = 1_000_000_000;
