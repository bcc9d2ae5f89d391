import { AppError } from '@agora/contracts';

/** An opaque keyset cursor: the sort values of the last row of a page. */
export const encodeCursor = (values: string[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

/** The values of a cursor made by `encodeCursor` with `size` values, or a 400 on `cursor`. */
export function decodeCursor(cursor: string, size: number): string[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === size && values.every((v) => typeof v === 'string'))
      return values as string[];
  } catch {}
  throw new AppError('validation_failed', 'The cursor is not valid; use the nextCursor of a previous page', {
    fields: [{ path: 'cursor', message: 'is not a valid cursor' }],
  });
}

/** `%`, `_` and `\` match themselves in an ILIKE pattern. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
