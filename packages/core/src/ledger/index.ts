export * from './accounting.js';
export { skipCommissionAndLedgerForBenchmarkBaseline } from './bench-switch.js';
export { getRevenueDashboard, listPayables, listReceivables } from './operator-reports.js';
export { type PostResult, post, postMany } from './post.js';
export {
  loadOrderFigures,
  postOrderReversed,
  postOrdersPlaced,
  type ReversalAmount,
  remainingOrderParts,
} from './post-orders.js';
export { recordInvoicePayment } from './record-invoice-payment.js';
export { recordVendorPayout } from './record-vendor-payout.js';
export { getVendorBalance, vendorBalancesIn } from './vendor-balance.js';
export { exportVendorStatementCsv, listVendorStatement, STATEMENT_CSV_COLUMNS } from './vendor-statement.js';
