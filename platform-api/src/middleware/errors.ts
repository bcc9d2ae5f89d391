import { AppError, type ErrorCode, type FieldIssue, invalidInput } from '@agora/contracts';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { AppEnv } from '../context.js';

/** The one error body: `{ error: { code, message, details? } }`. */
export function errorResponse(c: Context, error: AppError) {
  const body = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
  return c.json(body, error.status as ContentfulStatusCode);
}

export function fieldIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
}

export function validationError(error: ZodError, where: string): AppError {
  return invalidInput(where, fieldIssues(error));
}

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  401: 'unauthenticated',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** `app.onError`: known errors keep their code; anything else is a 500 with no internals. */
export function onError(err: Error, c: Context<AppEnv>) {
  if (err instanceof AppError) return errorResponse(c, err);
  if (err instanceof HTTPException && err.status < 500) {
    const code = HTTP_CODES[err.status] ?? 'bad_request';
    return errorResponse(c, new AppError(code, err.message || 'Bad request'));
  }
  console.error(`[api] ${c.req.method} ${c.req.path} request ${c.var.requestId ?? '-'} failed:`, err);
  return errorResponse(
    c,
    new AppError(
      'internal',
      `Something went wrong on our side (request ${c.var.requestId ?? 'unknown'}). Try again.`,
    ),
  );
}
