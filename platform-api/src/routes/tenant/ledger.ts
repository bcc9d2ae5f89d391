import {
  LedgerPosting,
  PageQuery,
  PayablesPage,
  ReceivablesPage,
  RecordInvoicePaymentBody,
  RecordVendorPayoutBody,
  RevenueDashboard,
  RevenueQuery,
  StatementPage,
  StatementQuery,
  VendorBalances,
} from '@agora/contracts';
import {
  exportVendorStatementCsv,
  getRevenueDashboard,
  getVendorBalance,
  listPayables,
  listReceivables,
  listVendorStatement,
  recordInvoicePayment,
  recordVendorPayout,
} from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';
import { csvText, textStream } from '../../text-stream.js';
import { optionalParams } from './query-params.js';

const operatorTags = ['operator: ledger'];
const vendorTags = ['vendor: balance'];
const recorded = {
  201: json(LedgerPosting, 'Recorded'),
  200: json(LedgerPosting, 'Already recorded with this key: the first recording'),
  ...errorResponses(400, 401, 403, 404, 409),
};
const StatementFilters = StatementQuery.omit({ cursor: true, limit: true });

/**
 * The ledger (ADR 0038): operators record money that moved outside Agora (a buyer's bank
 * transfer, a payout to a vendor) and read revenue, receivables and payables; vendors read their
 * own balance and statement, bound to the `vendorId` on the context.
 */
export const tenantLedger = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/operator/ledger/invoice-payments',
      operationId: 'recordInvoicePayment',
      tags: operatorTags,
      summary: 'Record a bank transfer from a buyer company that pays some of its orders',
      description:
        'Cash debit, the company receivable credited per order, the orders marked paid (`paidOn`, a ' +
        'marketplace day), an audit row and an event, in one transaction. The orders must be one ' +
        'company’s, in `currency`, not paid yet; `amountMinor` must equal what is open on them (400 ' +
        'naming the open amount otherwise). A retry with the same `idempotencyKey` answers 200 with ' +
        'the first recording and records nothing.',
      request: { body: jsonBody(RecordInvoicePaymentBody) },
      responses: recorded,
    }),
    async (c) => {
      const posting = await recordInvoicePayment(c.var.deps.database, c.var.tenant, {
        actorUserId: c.var.user.sub,
        body: c.req.valid('json'),
      });
      return posting.replayed ? c.json(posting, 200) : c.json(posting, 201);
    },
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/operator/ledger/vendor-payouts',
      operationId: 'recordVendorPayout',
      tags: operatorTags,
      summary: 'Record a bank transfer to a vendor (a manual payout)',
      description:
        'Vendor payable debit, cash credit, audit row and event. At most the vendor’s available ' +
        'balance in that currency (earned on delivered or completed orders, not paid out yet): 400 ' +
        'on `amountMinor` naming it otherwise. Idempotent by `idempotencyKey` (200 on a retry).',
      request: { body: jsonBody(RecordVendorPayoutBody) },
      responses: recorded,
    }),
    async (c) => {
      const posting = await recordVendorPayout(c.var.deps.database, c.var.tenant, {
        actorUserId: c.var.user.sub,
        body: c.req.valid('json'),
      });
      return posting.replayed ? c.json(posting, 200) : c.json(posting, 201);
    },
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/operator/revenue',
      operationId: 'getRevenueDashboard',
      tags: operatorTags,
      summary: 'Commission by day, vendor and category; GMV; average rate',
      description:
        '`from`/`to`: marketplace days, inclusive (default the last 30 days); `currency` (default the ' +
        'marketplace’s). Commission is what the ledger booked in the range, net of reversals.',
      request: { query: optionalParams(RevenueQuery) },
      responses: { 200: json(RevenueDashboard, 'The dashboard'), ...errorResponses(400, 401, 403) },
    }),
    async (c) =>
      c.json(await getRevenueDashboard(c.var.deps.database, c.var.tenant, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/operator/receivables',
      operationId: 'listReceivables',
      tags: operatorTags,
      summary: 'What each buyer company owes, with its open and overdue invoices',
      description:
        'One item per company and currency; keyset pagination by company (`nextCursor` as `cursor`). ' +
        'An invoice is overdue after its due day: placed + net days on net terms, the day it was ' +
        'placed when paid in advance.',
      request: { query: optionalParams(PageQuery) },
      responses: { 200: json(ReceivablesPage, 'One page'), ...errorResponses(400, 401, 403) },
    }),
    async (c) => c.json(await listReceivables(c.var.deps.database, c.var.tenant, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/operator/payables',
      operationId: 'listPayables',
      tags: operatorTags,
      summary: 'What the marketplace owes each vendor: pending, available, paid',
      description: 'One item per vendor and currency; keyset pagination by vendor.',
      request: { query: optionalParams(PageQuery) },
      responses: { 200: json(PayablesPage, 'One page'), ...errorResponses(400, 401, 403) },
    }),
    async (c) => c.json(await listPayables(c.var.deps.database, c.var.tenant, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'get',
      path: '/vendor/balance',
      operationId: 'getVendorBalance',
      tags: vendorTags,
      summary: 'Your balance per currency: pending until delivery, available, paid',
      responses: { 200: json(VendorBalances, 'Your balances'), ...errorResponses(401, 403) },
    }),
    async (c) => c.json(await getVendorBalance(c.var.deps.database, c.var.tenant, c.var.vendorId), 200),
  )
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'get',
      path: '/vendor/statement',
      operationId: 'listVendorStatement',
      tags: vendorTags,
      summary: 'Every entry on your account, newest first, with its order',
      description:
        'Filters: `from`/`to` (marketplace days, inclusive), `currency`. Keyset pagination: pass ' +
        '`nextCursor` as `cursor`. Amounts from your side: positive, the marketplace owes you more.',
      request: { query: optionalParams(StatementQuery) },
      responses: { 200: json(StatementPage, 'One page'), ...errorResponses(400, 401, 403) },
    }),
    async (c) =>
      c.json(
        await listVendorStatement(c.var.deps.database, c.var.tenant, c.var.vendorId, c.req.valid('query')),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'get',
      path: '/vendor/statement.csv',
      operationId: 'exportVendorStatementCsv',
      tags: vendorTags,
      summary: 'Your statement as CSV (streamed), with the same filters',
      request: { query: optionalParams(StatementFilters) },
      responses: { 200: { description: 'The CSV file', content: csvText }, ...errorResponses(400, 401, 403) },
    }),
    (c) =>
      c.body(
        textStream(
          exportVendorStatementCsv(c.var.deps.database, c.var.tenant, c.var.vendorId, c.req.valid('query')),
        ),
        200,
        {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="statement.csv"',
          'cache-control': 'no-store',
        },
      ),
  );
