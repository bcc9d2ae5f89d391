// Lowercase base32 without ambiguous letters: ids are valid in hostnames and SQL identifiers.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * Random bytes from the platform's CSPRNG (Web Crypto: the same code runs in Node, edge runtimes
 * and browsers), drawn a block at a time: a `getRandomValues` call costs a few microseconds, about
 * as much as a whole id otherwise, and a checkout makes a dozen ids. No byte is used twice.
 */
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let used = 0;

/** A random id of `length` base32 characters (5 bits each, from one random byte each). */
export function randomId(length = 16): string {
  if (used + length > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(Math.max(POOL_BYTES, length)));
    used = 0;
  }
  let out = '';
  for (let i = used; i < used + length; i++) out += ALPHABET[(pool[i] as number) & 31];
  used += length;
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
