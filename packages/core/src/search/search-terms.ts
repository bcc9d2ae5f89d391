/** At most this many words of a query take part in matching (the rest are ignored). */
export const MAX_SEARCH_TOKENS = 8;
/** Words shorter than this are matched exactly only (a typo in "m8" or "nut" is a new word). */
export const MIN_FUZZY_LENGTH = 4;

export type SearchTerms = {
  /** The query as typed, trimmed, whitespace collapsed, at most 200 characters. */
  text: string;
  /** Lowercased words, punctuation around them removed, without duplicates. */
  tokens: string[];
  /**
   * The query uses web search syntax (quotes for phrases, `-word`, `or`): it is matched exactly
   * with `websearch_to_tsquery`, without typo tolerance, so the operators keep their meaning.
   */
  advanced: boolean;
};

const EDGE_PUNCTUATION = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

/** Split a free-text query into the words search matches on; null when there are none. */
export function searchTerms(q: string | undefined): SearchTerms | null {
  const text = (q ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().slice(0, 200);
  if (!text) return null;
  const raw = text.toLowerCase().split(' ');
  const advanced =
    text.includes('"') || raw.some((w, i) => (w.startsWith('-') && w.length > 1) || (w === 'or' && i > 0));
  const tokens: string[] = [];
  for (const word of raw) {
    const token = word.replace(EDGE_PUNCTUATION, '');
    if (token && HAS_WORD_CHAR.test(token) && !tokens.includes(token)) tokens.push(token);
    if (tokens.length === MAX_SEARCH_TOKENS) break;
  }
  if (!tokens.length) return null;
  return { text, tokens, advanced };
}

/** Whether a word may be matched with typos (long enough, and not a number or a code). */
export const fuzzyEligible = (token: string) => token.length >= MIN_FUZZY_LENGTH && /\p{L}{3}/u.test(token);
