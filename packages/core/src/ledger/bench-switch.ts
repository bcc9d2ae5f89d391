/**
 * FOR THE PLACEMENT BENCHMARK'S BASELINE ONLY (bench/placement-ledger.bench.ts): turns off, in
 * this process, the commission lookup of placement (lines get no commission) and the ledger
 * postings of placement and reversal, so the bench can measure placement with and without them
 * in the same run (issue 13's <= 1.25x). Nothing else may call it: a marketplace running with
 * them off would earn nothing and have orders missing from its books.
 */
let skipped = false;

export function skipCommissionAndLedgerForBenchmarkBaseline(skip: boolean): void {
  skipped = skip;
}

export const ledgerPostingsSkipped = () => skipped;
