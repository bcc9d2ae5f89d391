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
 * (MAX_TIERS). An amount that is not money is reported by the tier's index, as the API reports.
 */
export function parseTierRows(
  values: Values,
  currency: string,
): { tiers: Tier[]; fields: Record<string, string> } {
  const tiers: Tier[] = [];
  const fields: Record<string, string> = {};
  for (let i = 0; i < MAX_TIERS; i++) {
    if (!filled(values, i)) continue;
    const minor = parseMoney(cell(values, `tierPrice${i}`), currency);
    if (minor === null) fields[`tiers.${tiers.length}.unitPriceMinor`] = 'Enter an amount like 12.50';
    tiers.push({ minQty: Number(cell(values, `tierQty${i}`)), unitPriceMinor: minor ?? 0 });
  }
  return { tiers, fields };
}
