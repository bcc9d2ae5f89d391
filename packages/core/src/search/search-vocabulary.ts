import type { TenantRef, TenantTx } from '@agora/db';
import { sql } from 'drizzle-orm';
import { editDistance } from './edit-distance.js';

/** A word of the vocabulary near a typed one, and how many edits apart (OSA distance). */
export type NearWord = { word: string; distance: number };

/** The letters of a word as a 32-bit set (code point mod 32): one edit changes at most two bits. */
function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) & 31);
  return mask >>> 0;
}

function popCount(x: number): number {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * The words of one catalog (`search_words`, ADR 0026), grouped by length, for finding every
 * word within a few edits of a typed one: insertions, deletions, substitutions and swaps of
 * neighbouring letters, each one edit (optimal string alignment). Only words whose length is
 * within reach are looked at, and a letter-set filter (an edit changes at most two letters of the
 * set) skips most of them before the exact distance is computed.
 */
export class SearchVocabulary {
  private readonly byLength = new Map<number, { words: string[]; masks: Uint32Array }>();
  readonly size: number;
  /** Rough heap cost, for the cache's budget. */
  readonly bytes: number;

  constructor(words: Iterable<string>) {
    const unique = new Set(words);
    const groups = new Map<number, string[]>();
    let bytes = 0;
    for (const w of unique) {
      const group = groups.get(w.length) ?? [];
      group.push(w);
      groups.set(w.length, group);
      bytes += 2 * w.length + 48;
    }
    for (const [length, list] of groups) {
      list.sort();
      this.byLength.set(length, { words: list, masks: Uint32Array.from(list, letterMask) });
    }
    this.size = unique.size;
    this.bytes = bytes;
  }

  has(word: string): boolean {
    const group = this.byLength.get(word.length);
    if (!group) return false;
    // Sorted within a length: binary search.
    let lo = 0;
    let hi = group.words.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const w = group.words[mid] as string;
      if (w === word) return true;
      if (w < word) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Every other word at most `maxDistance` edits from `word`, closest first (then alphabetical). */
  near(word: string, maxDistance: number): NearWord[] {
    if (maxDistance < 1) return [];
    const mask = letterMask(word);
    const found: NearWord[] = [];
    for (let length = word.length - maxDistance; length <= word.length + maxDistance; length++) {
      const group = this.byLength.get(length);
      if (!group) continue;
      for (let i = 0; i < group.words.length; i++) {
        if (popCount((group.masks[i] as number) ^ mask) > 2 * maxDistance) continue;
        const candidate = group.words[i] as string;
        if (candidate === word) continue;
        const distance = editDistance(word, candidate, maxDistance);
        if (distance <= maxDistance) found.push({ word: candidate, distance });
      }
    }
    return found.sort((a, b) => a.distance - b.distance || (a.word < b.word ? -1 : 1));
  }
}

/**
 * The vocabularies of recently searched tenants in this process, each with the catalog version
 * of the snapshot it was read in (ADR 0026, the rule of the search cache, ADR 0020): one is used
 * only by a search that reads the same version, so a result kept for version N was corrected
 * with the words of version N. Least recently used out first, within `maxBytes`.
 */
export class VocabularyCache {
  private readonly entries = new Map<string, { version: number; vocabulary: SearchVocabulary }>();
  private used = 0;
  loads = 0;

  constructor(readonly maxBytes = 16 * 1024 * 1024) {}

  /**
   * The tenant's vocabulary at `version` (the catalog version of the transaction's snapshot): the
   * kept one if it was read at that version, else read now in the transaction (and kept, unless
   * there is no version row).
   */
  async get(tx: TenantTx, tenant: TenantRef, version: number | null): Promise<SearchVocabulary> {
    const key = `${tenant.id}\u0000${tenant.schemaName}`;
    const kept = this.entries.get(key);
    if (kept && version !== null && kept.version === version) {
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept.vocabulary;
    }
    this.loads++;
    const rows = await tx.db.execute<{ word: string }>(sql`select word from ${tx.t.searchWords}`);
    const vocabulary = new SearchVocabulary(rows.rows.map((r) => r.word));
    this.drop(key);
    if (version !== null && vocabulary.bytes <= this.maxBytes) {
      for (const oldest of this.entries.keys()) {
        if (this.used + vocabulary.bytes <= this.maxBytes) break;
        this.drop(oldest);
      }
      this.entries.set(key, { version, vocabulary });
      this.used += vocabulary.bytes;
    }
    return vocabulary;
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.vocabulary.bytes;
  }
}
