/**
 * One error type for the whole platform. Domain code throws AppError with a code; the HTTP
 * layer maps the code to a status with ERROR_STATUS and renders the one error shape
 * `{ error: { code, message, details? } }`.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  invalid_token: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  tenant_suspended: 403,
  not_found: 404,
  unknown_host: 404,
  conflict: 409,
  slug_taken: 409,
  email_taken: 409,
  sku_taken: 409,
  invalid_state: 409,
  out_of_stock: 409,
  credit_limit_exceeded: 409,
  cart_changed: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type FieldIssue = { path: string; message: string };

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
