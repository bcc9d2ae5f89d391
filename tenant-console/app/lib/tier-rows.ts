import { MAX_TIERS } from '@agora/contracts/catalog-limits';
import { minorToInput, parseMoney } from '@agora/ui/money';

/**
 * The product editor's volume tiers as form rows (`tierQty<i>`, `tierPrice<i>`). The number of
 * rows follows the tiers, not a fixed count: a row the form does not render is a tier the save
 * would delete.
 */

/** Empty rows offered below the last filled one, to add tiers. */
export const SPARE_TIER_ROWS = 3;
/** A product without tiers starts with this many rows. */
export const MIN_TIER_ROWS = 6;

type Values = Record<string, string | undefined>;
type Tier = { minQty: number; unitPriceMinor: number };

const cell = (values: Values, name: string) => (values[name] ?? '').trim();
const filled = (values: Values, i: number) =>
  cell(values, `tierQty${i}`) !== '' || cell(values, `tierPrice${i}`) !== '';

/** Rows to render: every row up to the last filled one plus SPARE_TIER_ROWS, at most MAX_TIERS. */
export function tierRowCount(values: Values): number {
  let last = -1;
  for (let i = 0; i < MAX_TIERS; i++) if (filled(values, i)) last = i;
  return Math.min(MAX_TIERS, Math.max(MIN_TIER_ROWS, last + 1 + SPARE_TIER_ROWS));
}

/** A product's tiers as form values, amounts in major units. */
export function tierValues(tiers: readonly Tier[], currency: string): Record<string, string> {
  return Object.fromEntries(
    tiers.flatMap((t, i) => [
      [`tierQty${i}`, String(t.minQty)],
      [`tierPrice${i}`, minorToInput(t.unitPriceMinor, currency)],
    ]),
  );
}

/**
 * The filled rows as the API's tiers (blank rows skipped), reading every row a form can have
 * (MAX_TIERS), with the form row each tier came from. An amount that is not money is reported on
 * its form row (`tiers.<row>.unitPriceMinor`), where the editor shows errors.
 */
export function parseTierRows(
  values: Values,
  currency: string,
): { tiers: Tier[]; rows: number[]; fields: Record<string, string> } {
  const tiers: Tier[] = [];
  const rows: number[] = [];
  const fields: Record<string, string> = {};
  for (let i = 0; i < MAX_TIERS; i++) {
    if (!filled(values, i)) continue;
    const minor = parseMoney(cell(values, `tierPrice${i}`), currency);
    if (minor === null) fields[`tiers.${i}.unitPriceMinor`] = 'Enter an amount like 12.50';
    tiers.push({ minQty: Number(cell(values, `tierQty${i}`)), unitPriceMinor: minor ?? 0 });
    rows.push(i);
  }
  return { tiers, rows, fields };
}

/**
 * The API's field errors with its tier indexes (`tiers.<k>.…`, counted without the blank rows)
 * moved to the form rows those tiers came from, so an error shows on the row that caused it.
 */
export function errorsOnRows(
  fields: Record<string, string>,
  rows: readonly number[],
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([path, message]) => {
      const m = path.match(/^tiers\.(\d+)(\..*)?$/);
      const row = m ? rows[Number(m[1])] : undefined;
      return [row === undefined ? path : `tiers.${row}${m?.[2] ?? ''}`, message];
    }),
  );
}
