import { z } from 'zod';

/** Page size of keyset-paginated lists: 1-100, default 20. */
export const PageLimit = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(100, 'must be at most 100')
  .default(20);

/** The `nextCursor` of the previous page (opaque; checked where it is decoded). */
export const PageCursor = z.string().max(500);

/** `?cursor&limit` of a list without filters. */
export const PageQuery = z.object({ cursor: PageCursor.optional(), limit: PageLimit });
export type PageQuery = z.infer<typeof PageQuery>;
