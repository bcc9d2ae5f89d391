import type { CatalogImportSummary, CatalogImport as CatalogImportView } from '@agora/contracts';
import type { TenantTx } from '@agora/db';

type ImportRow = TenantTx['t']['catalogImports']['$inferSelect'];

/** At most this many error entries are kept; `errorRows` still counts every rejected row. */
export const IMPORT_ERRORS_CAP = 1000;

/** An import as the API shows it (`CatalogImport`), and in a list without its errors. */
export type { CatalogImport as CatalogImportView, CatalogImportSummary } from '@agora/contracts';

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
