import type { ImportRowError } from '@agora/contracts';
import type { TenantTx } from '@agora/db';

type ImportRow = TenantTx['t']['catalogImports']['$inferSelect'];

/** At most this many error entries are kept; `errorRows` still counts every rejected row. */
export const IMPORT_ERRORS_CAP = 1000;

export type CatalogImportView = {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  totalRows: number;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  /** Rows left unchanged because of errors (every one, even past the listed errors). */
  errorRows: number;
  /** Row numbers count the header as row 1, as a spreadsheet shows them; row 0 is the file. */
  errors: ImportRowError[];
  /** True when more rows had errors than are listed. */
  errorsTruncated: boolean;
  createdAt: string;
  updatedAt: string;
};

/** An import in a list: everything but the error entries. */
export type CatalogImportSummary = Omit<CatalogImportView, 'errors'>;

/**
 * The summary of an import row read without its `errors` column; `listedRows` is how many
 * different data rows (row > 0) its errors name, for `errorsTruncated`.
 */
export function catalogImportSummary(
  row: Omit<ImportRow, 'errors' | 'vendorId' | 'fileKey'>,
  listedRows: number,
): CatalogImportSummary {
  const errorRows = Math.max(0, row.processedRows - row.createdCount - row.updatedCount);
  return {
    id: row.id,
    status: row.status,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    createdCount: row.createdCount,
    updatedCount: row.updatedCount,
    errorRows,
    errorsTruncated: errorRows > listedRows,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function catalogImportView(row: ImportRow): CatalogImportView {
  const listedRows = new Set(row.errors.filter((e) => e.row > 0).map((e) => e.row)).size;
  return { ...catalogImportSummary(row, listedRows), errors: row.errors };
}
