const BASE = 'http://agora.invalid';

/**
 * Where to go after signing in: only a path on this same host, else `fallback`.
 *
 * Browsers read `Location` leniently: they turn `\` into `/` and drop tab, CR and LF, so
 * `/\evil.example/`, `/<tab>/evil.example` or `/%5Cevil` can all end up as `//evil.example`, a
 * link to another site. So anything with a backslash or a control character (as sent or once
 * percent-decoded) is refused, the path must resolve to this origin, and what is returned is the
 * normalized path, query and fragment, never the raw input.
 */
export function safeNext(value: FormDataEntryValue | string | null, fallback: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2048) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return fallback;
  }
  for (const s of [value, decoded]) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    if (/[\\\u0000-\u001f\u007f]/.test(s) || s.startsWith('//')) return fallback;
  }
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || url.pathname.startsWith('//')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
