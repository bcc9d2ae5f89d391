// Lowercase base32 without ambiguous letters: ids are valid in hostnames and SQL identifiers.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A random id of `length` base32 characters (5 bits each). */
export function randomId(length = 16): string {
  // Web Crypto: the same code runs in Node, edge runtimes and browsers.
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

export type IdPrefix =
  | 'ten'
  | 'dom'
  | 'stf'
  | 'prv'
  | 'usr'
  | 'eml'
  | 'tok'
  | 'cat'
  | 'prd'
  | 'imp'
  | 'ven'
  | 'doc'
  | 'cmp'
  | 'adr'
  | 'ogr'
  | 'ord'
  | 'shp'
  | 'trk'
  | 'inv'
  /** Ledger accounts and transactions (ADR 0038). */
  | 'lac'
  | 'ltx'
  | 'cmr';

/** Prefixed ids (`ten_...`) so a stray id in a log says what it is. */
export const newId = (prefix: IdPrefix, length = 16) => `${prefix}_${randomId(length)}`;
