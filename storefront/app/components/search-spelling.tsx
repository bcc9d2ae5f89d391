import type { SearchResult } from '@agora/api-client';
import { AppLink } from './app-link.js';

/**
 * What the search did with the words typed (ADR 0026): the words it left out because they match
 * nothing ("No results for pmp; showing hydraulic") and the corrected query as a link ("Did you
 * mean hydraulic pump?"). `searchHref` is the listing's address with other words.
 */
export function SearchSpellingNotice({
  q,
  result,
  searchHref,
}: {
  q: string;
  result: Pick<SearchResult, 'dropped' | 'didYouMean'>;
  searchHref: (q: string) => string;
}) {
  const dropped = result.dropped ?? [];
  const didYouMean = result.didYouMean ?? null;
  if (!dropped.length && !didYouMean) return null;
  const left = new Set(dropped);
  const shown = q
    .split(/\s+/)
    .filter((w) => w && !left.has(w.toLowerCase().replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '')));
  return (
    <div className="search-spelling" data-testid="search-spelling">
      {dropped.length ? (
        <p>
          No results for <strong>{dropped.join(' ')}</strong>
          {shown.length ? (
            <>
              ; showing <strong>{shown.join(' ')}</strong>
            </>
          ) : null}
          .
        </p>
      ) : null}
      {didYouMean ? (
        <p>
          Did you mean <AppLink to={searchHref(didYouMean)}>{didYouMean}</AppLink>?
        </p>
      ) : null}
    </div>
  );
}
