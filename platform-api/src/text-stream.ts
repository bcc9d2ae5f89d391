/** The OpenAPI content of a CSV response. */
export const csvText = { 'text/csv': { schema: { type: 'string' } as const } };

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
