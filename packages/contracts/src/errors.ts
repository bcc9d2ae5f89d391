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
  domain_taken: 409,
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

/**
 * The one way to refuse input: a 400 `validation_failed` whose `details.fields` lists each
 * offending field (the shape forms and the storefront read). The message names the fields
 * (`Invalid <where>: check a, b`) unless one is given.
 */
export function invalidInput(where: string, fields: FieldIssue[], message?: string): AppError {
  const names = [...new Set(fields.map((f) => f.path))].join(', ');
  return new AppError('validation_failed', message ?? `Invalid ${where}: check ${names}`, { fields });
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
