import type * as C from '@agora/contracts';
import { type QueryOf, request, requestText, type Transport } from './http.js';

/** The ledger (ADR 0038): operator recordings and reports, the vendor's balance and statement. */
export function ledgerClient(t: Transport) {
  return {
    recordInvoicePayment: (body: C.RecordInvoicePaymentBody) =>
      request<C.LedgerPosting>(t, '/api/v1/operator/ledger/invoice-payments', { body }),
    recordVendorPayout: (body: C.RecordVendorPayoutBody) =>
      request<C.LedgerPosting>(t, '/api/v1/operator/ledger/vendor-payouts', { body }),
    revenueDashboard: (query: QueryOf<C.RevenueQuery> = {}) =>
      request<C.RevenueDashboard>(t, '/api/v1/operator/revenue', { query }),
    receivables: (query: QueryOf<C.PageQueryInput> = {}) =>
      request<C.ReceivablesPage>(t, '/api/v1/operator/receivables', { query }),
    payables: (query: QueryOf<C.PageQueryInput> = {}) =>
      request<C.PayablesPage>(t, '/api/v1/operator/payables', { query }),
    vendorBalance: () => request<C.VendorBalances>(t, '/api/v1/vendor/balance'),
    vendorStatement: (query: QueryOf<C.StatementQueryInput> = {}) =>
      request<C.StatementPage>(t, '/api/v1/vendor/statement', { query }),
    vendorStatementCsv: (query: QueryOf<Omit<C.StatementQueryInput, 'cursor' | 'limit'>> = {}) => {
      const params = new URLSearchParams(
        Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
      );
      const qs = params.toString();
      return requestText(t, `/api/v1/vendor/statement.csv${qs ? `?${qs}` : ''}`);
    },
  };
}
