/**
 * How large a request body may be. Every body is counted while it is read and refused with 413
 * `payload_too_large` beyond its limit, before it is parsed: JSON, forms and anything else get
 * REQUEST_BODY_MAX_BYTES; upload endpoints allow their files' own limits (LOGO_MAX_BYTES,
 * PRODUCT_IMAGE_MAX_BYTES, CATALOG_IMPORT_MAX_BYTES, VENDOR_DOCUMENT_MAX_BYTES per document)
 * plus MULTIPART_OVERHEAD_BYTES for the multipart framing and text fields around them.
 */
export const REQUEST_BODY_MAX_BYTES = 1024 * 1024;
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
