/**
 * A weak ETag for a rendered page: SHA-1 of its text plus its length. The origin and the edge
 * compare it with If-None-Match and answer 304 for anonymous pages (docs/decisions/0016).
 *
 * The hash is given by the runtime's adapter through the load context (`pageDigest`): in Node,
 * `node:crypto`'s synchronous SHA-1 (about 0.09 ms on a 69 KB page, against about 0.5 ms for Web
 * Crypto, which goes through the thread pool); in workerd, where Web Crypto is native, the default
 * below. Both give the same tag for the same bytes.
 */
export type PageDigest = (text: string) => string | Promise<string>;

export async function weakEtag(body: string, digest: PageDigest = webSha1): Promise<string> {
  return `W/"${body.length.toString(36)}-${await digest(body)}"`;
}

/** SHA-1 of the UTF-8 text, base64url without padding (what Node's `digest('base64url')` gives). */
export async function webSha1(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text)));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
