/**
 * FOR THE PLACEMENT BENCHMARK'S BASELINE ONLY (bench/placement-ledger.bench.ts): turns the
 * ledger postings of placement and reversal off in this process, so the bench can measure
 * placement with and without them in the same run. Nothing else may call it: a marketplace
 * running with postings off would have orders missing from its books.
 */
let skipped = false;

export function skipLedgerPostingsForBenchmarkBaseline(skip: boolean): void {
  skipped = skip;
}

export const ledgerPostingsSkipped = () => skipped;
