import type { SearchResult } from '@agora/api-client';
import { minorToInput, parseMoney } from '@agora/ui/money';
import { Form } from '@remix-run/react';
import { AppLink } from './app-link.js';

/** The address parameters the price form fills in: amounts as typed, in major units. */
const TYPED = { priceFrom: 'priceMin', priceTo: 'priceMax' } as const;
/** Parameters the price form sets; the others on the page are carried along unchanged. */
const OWN = new Set(['priceMin', 'priceMax', 'qty', 'currency', 'page', ...Object.keys(TYPED)]);

/**
 * The canonical address for a submitted price form, or null when the address is not one. The
 * form sends amounts as a buyer types them (`priceFrom=12.50`, in `currency`); listings keep the
 * API's minor units in their address (`priceMin=1250`), so links and bookmarks mean one thing
 * whatever the currency's decimals. An amount that is not one (only a hand-edited address can
 * send that: the inputs are numeric) is left out; an empty field removes its bound.
 */
export function priceFormRedirect(url: URL): string | null {
  if (!Object.keys(TYPED).some((k) => url.searchParams.has(k))) return null;
  const params = new URLSearchParams(url.searchParams);
  const currency = params.get('currency');
  for (const [typed, minorParam] of Object.entries(TYPED)) {
    const text = params.get(typed);
    params.delete(typed);
    if (text === null) continue;
    const minor = currency && text.trim() ? parseMoney(text, currency) : null;
    if (minor === null) params.delete(minorParam);
    else params.set(minorParam, String(minor));
  }
  if (!params.get('qty')?.trim()) params.delete('qty');
  params.delete('page');
  const query = params.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

/**
 * Unit price bounds at a quantity, in the currency of the results (the API compares minor units,
 * so a range only means something in one currency: the form sends it along and the search keeps
 * to it). Not shown while the results mix currencies and none is chosen.
 */
export function PriceFilter({
  pathname,
  params,
  items,
}: {
  pathname: string;
  params: URLSearchParams;
  items: SearchResult['items'];
}) {
  const currencies = new Set(items.map((i) => i.currency));
  const currency = params.get('currency') ?? (currencies.size === 1 ? [...currencies][0] : undefined);
  if (!currency) return null;
  const bound = (name: 'priceMin' | 'priceMax') => {
    const minor = Number(params.get(name));
    return params.get(name) && Number.isSafeInteger(minor) ? minorToInput(minor, currency) : '';
  };
  const filtered = ['priceMin', 'priceMax', 'qty'].some((k) => params.has(k));
  const rest = new URLSearchParams([...params].filter(([k]) => !OWN.has(k)));
  const clear = rest.size ? `${pathname}?${rest}` : pathname;
  return (
    <>
      <h2>Price</h2>
      {/* Keyed by the bounds in force: after a navigation the fields show those, not what was typed. */}
      <Form
        key={['priceMin', 'priceMax', 'qty', 'currency'].map((k) => params.get(k)).join('|')}
        method="get"
        action={pathname}
        className="price-filter"
        aria-label="Price"
      >
        {[...params].flatMap(([k, v]) =>
          OWN.has(k) ? [] : [<input key={k} type="hidden" name={k} value={v} />],
        )}
        <input type="hidden" name="currency" value={currency} />
        <label>
          From ({currency})
          <input
            name="priceFrom"
            type="number"
            min="0"
            step="any"
            inputMode="decimal"
            defaultValue={bound('priceMin')}
          />
        </label>
        <label>
          To ({currency})
          <input
            name="priceTo"
            type="number"
            min="0"
            step="any"
            inputMode="decimal"
            defaultValue={bound('priceMax')}
          />
        </label>
        <label>
          Per unit when buying
          <input
            name="qty"
            type="number"
            min="1"
            step="1"
            inputMode="numeric"
            defaultValue={params.get('qty') ?? ''}
            placeholder="the minimum order"
          />
        </label>
        <button type="submit" className="button">
          Apply
        </button>
        {filtered ? <AppLink to={clear}>Any price</AppLink> : null}
      </Form>
    </>
  );
}
