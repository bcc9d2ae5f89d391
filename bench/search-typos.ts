/**
 * Single-edit typos of a word, of every kind, for the search recall benchmark
 * (search-recall.bench.ts) and its small-scale test (packages/core/test/search/typo-recall.test.ts).
 * Deterministic: the same word and seed give the same typos.
 */
export type TypoKind = 'insert' | 'delete' | 'substitute' | 'transpose';
export const TYPO_KINDS: readonly TypoKind[] = ['insert', 'delete', 'substitute', 'transpose'];
export type Typo = { kind: TypoKind; typo: string; word: string };

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(word: string): number {
  let h = 2166136261;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Typos of `word`: at every position (or, with `perKind`, at that many positions spread over the
 * word) one insertion and one substitution of a random letter, one deletion, and one swap of
 * neighbouring letters. A typo equal to the word (a swap of two equal letters, a letter replaced
 * by itself) is left out, so each one really is one edit away.
 */
export function singleEditTypos(word: string, options: { seed?: number; perKind?: number } = {}): Typo[] {
  const rand = mulberry32(hash(word) ^ (options.seed ?? 1));
  const letter = (not?: string) => {
    for (;;) {
      const c = LETTERS[Math.floor(rand() * LETTERS.length)] as string;
      if (c !== not) return c;
    }
  };
  const positions = (n: number) => {
    const all = Array.from({ length: n }, (_, i) => i);
    const k = options.perKind;
    if (!k || k >= n) return all;
    return Array.from({ length: k }, (_, j) => all[Math.floor(((j + rand()) * n) / k)] as number);
  };
  const out: Typo[] = [];
  const add = (kind: TypoKind, typo: string) => {
    if (typo !== word && !out.some((t) => t.typo === typo)) out.push({ kind, typo, word });
  };
  for (const i of positions(word.length + 1)) add('insert', word.slice(0, i) + letter() + word.slice(i));
  for (const i of positions(word.length)) add('delete', word.slice(0, i) + word.slice(i + 1));
  for (const i of positions(word.length))
    add('substitute', word.slice(0, i) + letter(word[i]) + word.slice(i + 1));
  for (const i of positions(word.length - 1))
    add('transpose', word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2));
  return out;
}
