import { AppError } from '@agora/contracts';

/** Opaque keyset cursors: the sort key(s) of the last row of a page, base64url JSON. */
export const encodeCursor = (key: string[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string, parts: number): string[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === parts && key.every((k) => typeof k === 'string')) return key;
  } catch {}
  throw new AppError('validation_failed', 'The cursor is not valid; use the nextCursor of a previous page', {
    fields: [{ path: 'cursor', message: 'is not a valid cursor' }],
  });
}

/** Microsecond timestamps for cursors (JS Dates keep only milliseconds). */
export const CURSOR_TIME = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
