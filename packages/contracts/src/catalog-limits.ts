/**
 * Catalog limits, as plain numbers without zod so the console's browser bundle can import them
 * (`@agora/contracts/catalog-limits`): the product editor renders up to MAX_TIERS tier rows.
 */
export const MAX_ATTRIBUTES = 30;
export const MAX_TIERS = 20;
export const MAX_PRODUCT_IMAGES = 8;
export const PRODUCT_IMAGE_MAX_BYTES = 2 * 1024 * 1024;
export const CATALOG_IMPORT_MAX_BYTES = 20 * 1024 * 1024;
