import { ApiError } from '@agora/api-client';

/** An address parameter the API refused: its name, the value given, and the API's reason. */
export type RefusedParam = { name: string; value: string; message: string };

/**
 * Load a listing, leaving out the address parameters the API refuses.
 *
 * The rule for every storefront listing (search, category pages, the vendor directory): a query
 * parameter the API answers 400 for is left out, the page renders as if it were absent (status
 * 200) and says which parameter it left out and why. Such addresses come from hand-edited URLs,
 * old bookmarks and stale links; the visitor still gets a working listing, search box and filters
 * instead of an error page, and the page's own links and forms are built without the refused
 * parameters, so the next click leaves them behind.
 *
 * Only the keys in `fromAddress` are ever left out: anything else the API refuses (a value the
 * page itself chose) is a bug and stays an error.
 */
export async function withoutRefusedParams<Q extends Record<string, unknown>, R>(
  query: Q,
  fromAddress: readonly (keyof Q & string)[],
  load: (query: Partial<Q>) => Promise<R>,
): Promise<{ result: R; query: Partial<Q>; refused: RefusedParam[] }> {
  const refused: RefusedParam[] = [];
  let current: Partial<Q> = query;
  // Each retry drops at least one parameter, so this ends. More than one round happens when the
  // API checks in stages (the query's shape first, then limits such as the result window).
  for (;;) {
    try {
      return { result: await load(current), query: current, refused };
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 400)) throw e;
      const next: Record<string, unknown> = { ...current };
      for (const field of e.details?.fields ?? []) {
        const name = field.path.split('.')[0] as string;
        const value = next[name];
        if (!fromAddress.includes(name) || value === undefined || value === '') continue;
        refused.push({ name, value: String(value), message: field.message });
        delete next[name];
      }
      if (Object.keys(next).length === Object.keys(current).length) throw e;
      current = next as Partial<Q>;
    }
  }
}

/** `params` without the refused ones: what the page's links and forms carry on. */
export function keptParams(params: URLSearchParams, refused: readonly RefusedParam[]): URLSearchParams {
  const kept = new URLSearchParams(params);
  for (const r of refused) kept.delete(r.name);
  return kept;
}

/** What the page left out of its address, and the API's reason for each. */
export function RefusedParamsNotice({ refused }: { refused: readonly RefusedParam[] }) {
  if (!refused.length) return null;
  return (
    <div className="notice-error" role="status" data-testid="ignored-params">
      <strong>Part of this address could not be used, so it was left out:</strong>
      <ul>
        {refused.map((r) => (
          <li key={r.name}>
            <code>{`${r.name}=${r.value}`}</code> — {r.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
