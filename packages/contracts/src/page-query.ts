import { z } from 'zod';

/** Page size of keyset-paginated lists: 1-100, default 20. */
export const PageLimit = z.coerce
  .number<string | number>({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(100, 'must be at most 100')
  .default(20);

/** The `nextCursor` of the previous page (opaque; checked where it is decoded). */
export const PageCursor = z.string().max(500);

/** `?cursor&limit` of a list without filters. */
export const PageQuery = z.object({ cursor: PageCursor.optional(), limit: PageLimit });
export type PageQuery = z.infer<typeof PageQuery>;
export type PageQueryInput = z.input<typeof PageQuery>;

/** The `nextCursor` of every keyset-paginated list. */
export const NextCursor = z
  .string()
  .nullable()
  .meta({ description: 'Pass as `cursor` for the next page; null at the end' });

/** One page of a keyset-paginated list. */
export type Page<T> = { data: T[]; nextCursor: string | null };

/**
 * A query schema where an empty parameter (`?status=`, as an HTML GET form sends for an empty
 * field) counts as absent, instead of failing validation.
 */
export function emptyAsAbsent<S extends z.ZodObject>(schema: S): S {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([k, v]) => [
      k,
      z.preprocess((value) => (value === '' ? undefined : value), v as z.ZodType),
    ]),
  );
  return z.object(shape) as unknown as S;
}
