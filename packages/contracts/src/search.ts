import { z } from 'zod';

/**
 * What a product search did with the words it was given (ADR 0026), part of every search
 * response: the storefront says "No results for pmp; showing hydraulic" and offers the corrected
 * query as a link. The Meilisearch engine corrects typos itself and returns both empty.
 */
export const SearchSpelling = z.object({
  dropped: z
    .array(z.string())
    .describe(
      'Words of `q` that match no product even with typo tolerance: left out, the results are for the other words. Empty when every word was searched.',
    ),
  didYouMean: z
    .string()
    .nullable()
    .describe(
      "The query with misspelled words corrected from the catalog's own words, when a word as typed found nothing (the results already include the correction, except for a dropped 3-letter word, for which it is only a suggestion). null when nothing was corrected.",
    ),
});
export type SearchSpelling = z.infer<typeof SearchSpelling>;
