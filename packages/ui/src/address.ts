/**
 * A postal address on one line, as pages print it: street lines, postal code and city, region,
 * country; empty parts left out. Takes the stored shape (contracts `Address`), which orders copy.
 */
export function formatAddress(a: Partial<Record<string, string | null | undefined>>): string {
  const cityLine = [a.postalCode, a.city].filter(Boolean).join(' ');
  return [a.line1, a.line2, cityLine, a.region, a.country].filter(Boolean).join(', ');
}
