import { AppError } from '@agora/contracts';

/**
 * Opaque keyset cursors for every paginated list: the sort values of the last row of a page,
 * as base64url JSON. The one codec; lists differ only in which values they put in.
 */
export const encodeCursor = (values: string[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

const invalidCursor = () =>
  new AppError('validation_failed', 'The cursor is not valid; use the nextCursor of a previous page', {
    fields: [{ path: 'cursor', message: 'is not a valid cursor' }],
  });

/** The values of a cursor made by `encodeCursor` with `size` values, or a 400 on `cursor`. */
export function decodeCursor(cursor: string, size: number): string[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === size && values.every((v) => typeof v === 'string'))
      return values as string[];
  } catch {}
  throw invalidCursor();
}

/** `to_char` format of cursor timestamps: microseconds, UTC (JS Dates keep only milliseconds). */
export const CURSOR_TIME = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

const CURSOR_TIME_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * A `[CURSOR_TIME timestamp, id]` cursor. The timestamp is checked here (shape, and a real
 * calendar time: no February 30th), so a forged cursor is a 400 rather than a failed cast in SQL.
 */
export function decodeTimeCursor(cursor: string): [at: string, id: string] {
  const [at, id] = decodeCursor(cursor, 2) as [string, string];
  const ms = CURSOR_TIME_SHAPE.test(at) && !at.startsWith('0000') ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(ms) || !new Date(ms).toISOString().startsWith(at.slice(0, 19))) throw invalidCursor();
  return [at, id];
}
