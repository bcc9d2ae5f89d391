import { AppError, invalidInput } from '@agora/contracts';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { lastValue, readForm } from '../../form-body.js';

// Response shapes are in @agora/contracts (catalog-views.ts); these are the transport's own parts.

export const IdParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'prd_8k2m4q7w1z3x5c9v' }),
});

export const binary = { type: 'string', format: 'binary' } as const;

/**
 * An uploaded file: the raw body (with one of `rawTypes`, or application/octet-stream), or a
 * multipart/form-data field named `file`. Anything else is a 415 saying how to send it.
 */
export async function uploadedBytes(
  c: Context,
  rawTypes: (type: string) => boolean,
  how: string,
): Promise<Uint8Array> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'multipart/form-data') {
    const file = lastValue((await readForm(c)).file);
    if (!(file instanceof File))
      throw invalidInput(
        'upload',
        [{ path: 'file', message: 'is required' }],
        'Send the file in a multipart field named "file"',
      );
    return new Uint8Array(await file.arrayBuffer());
  }
  if (rawTypes(type) || type === 'application/octet-stream') return new Uint8Array(await c.req.arrayBuffer());
  throw new AppError('unsupported_media_type', how);
}
