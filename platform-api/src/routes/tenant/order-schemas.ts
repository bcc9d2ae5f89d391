import { z } from '@hono/zod-openapi';

// Response shapes are in @agora/contracts (orders.ts); these are the transport's own parts.

const id = (name: string) =>
  z
    .string()
    .max(100)
    .openapi({ param: { name, in: 'path' }, example: name === 'id' ? 'ord_abc123' : 'shp_abc123' });

export const OrderIdParam = z.object({ id: id('id') });
export const ShipmentParams = z.object({ id: id('id'), shipmentId: id('shipmentId') });

export const csvContent = { 'text/csv': { schema: { type: 'string' } as const } };
export const pdfContent = { 'application/pdf': { schema: { type: 'string', format: 'binary' } as const } };

const encoder = new TextEncoder();

/** A stream of the generator's strings, pulled as the client reads (backpressure). */
export function textStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

export const csvHeaders = (name: string) => ({
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': `attachment; filename="${name}"`,
  'cache-control': 'no-store',
});

export const pdfHeaders = (number: string) => ({
  'content-type': 'application/pdf',
  'content-disposition': `attachment; filename="invoice-${number.replace(/[^A-Za-z0-9-]/g, '')}.pdf"`,
  'cache-control': 'no-store',
});
