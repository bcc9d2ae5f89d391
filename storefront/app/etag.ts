/**
 * A weak ETag for a rendered page: a 53-bit hash of its text plus its length. platform-api
 * answers a matching If-None-Match with 304 for anonymous pages. The tag only has to tell one
 * version of the same address from the next, so a fast non-cryptographic hash is enough: Web
 * Crypto's SHA-1 (asynchronous, through the thread pool) cost about 0.5 ms a page here, this
 * about 0.05 ms. (cyrb53, public domain; plain JavaScript, so it also runs on an edge runtime.)
 */
export function weakEtag(body: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < body.length; i++) {
    const ch = body.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return `W/"${body.length.toString(36)}-${hash.toString(36)}"`;
}
