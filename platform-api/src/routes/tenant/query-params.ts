import { z } from '@hono/zod-openapi';

/**
 * A query schema where an empty parameter (`?status=`, as an HTML GET form sends for an empty
 * field) counts as absent, instead of failing validation.
 */
export function optionalParams<S extends z.ZodObject>(schema: S): S {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([k, v]) => [
      k,
      z.preprocess((value) => (value === '' ? undefined : value), v as z.ZodType),
    ]),
  );
  return z.object(shape) as unknown as S;
}
