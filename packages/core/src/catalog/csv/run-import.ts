import { Readable } from 'node:stream';
import type { ImportRowError } from '@agora/contracts';
import { platformTables as p, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import type { catalogImportJob, JobPayload } from '@agora/queue';
import { CsvError, parse } from 'csv-parse';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { failpoint } from '../../failpoint.js';
import { PermanentJobError } from '../../permanent-job-error.js';
import { hiddenCategoryIds } from '../categories/category-state.js';
import { type ProductWrite, writeProducts } from '../products/write-products.js';
import { type CsvLayout, type CsvProduct, parseCsvRow, readHeader } from './csv-format.js';
import { type CatalogImportView, catalogImportView, IMPORT_ERRORS_CAP } from './import-view.js';

export type RunImportOptions = {
  /** Rows per transaction (default 1000): one multi-row upsert, one progress update. */
  batchSize?: number;
  /** Called after each committed batch with the rows done so far (tests simulate crashes here). */
  afterBatch?: (processedRows: number) => void | Promise<void>;
};

/** Another run of the same import moved on meanwhile; this one stops without writing. */
export class ImportSupersededError extends Error {
  override name = 'ImportSupersededError';
}

type GoodRow = { row: number; value: CsvProduct };
type Context = {
  vendorId: string;
  /** Who started the import (from its audit row): the actor of the products' audit rows. */
  userId: string | null;
  vendorApproved: boolean;
  categories: Map<string, { id: string; archived: boolean }>;
};

const PARSE_OPTIONS = {
  bom: true,
  relax_column_count: true,
  skip_empty_lines: true,
  // An unclosed quote would otherwise swallow the rest of the file into one cell.
  max_record_size: 1024 * 1024,
} as const;

/** The file in 64 KB slices, so the parser streams it (and yields records as it goes). */
function* slices(bytes: Uint8Array, size = 64 * 1024) {
  for (let i = 0; i < bytes.byteLength; i += size)
    yield Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(size, bytes.byteLength - i));
}
function streamParse(bytes: Uint8Array): AsyncIterable<string[]> {
  // pipe() handles backpressure, and stops feeding when the reader stops early (header error).
  return Readable.from(slices(bytes)).pipe(parse(PARSE_OPTIONS));
}

/**
 * The `catalog.import.v1` job: apply a vendor's CSV file to its catalog.
 *
 * 1. A first pass reads the whole file: the header must name exactly the template's columns,
 *    and the CSV must be well-formed UTF-8; otherwise the import fails with the reason and
 *    nothing is written. It also counts the rows, for the progress bar.
 * 2. A second pass checks each row with the API's rules (parseCsvRow) plus the database's
 *    (category slug, duplicate SKUs in the file, publishing only for approved vendors). Rows
 *    with errors are listed ({row, field, message}) and never touched.
 * 3. Good rows are written in batches through the product API's write path (`writeProducts`,
 *    matched by (vendor, sku): same status rules, tiers, `product.changed` events and audit rows
 *    as the API), with the progress (rows done, counts, errors) in the same transaction.
 *
 * Because progress commits with the rows, a re-run after a crash resumes after the last
 * committed batch: nothing is applied twice, nothing is skipped, counts stay exact. A finished
 * import is not run again. Re-importing a file is a new import and updates the same products.
 */
export async function runCatalogImport(
  deps: Pick<Deps, 'database' | 'files'>,
  tenant: TenantRef,
  importId: string,
  options: RunImportOptions = {},
): Promise<CatalogImportView> {
  const batchSize = options.batchSize ?? 1000;
  const load = () =>
    withTenant(deps.database, tenant, async ({ db, t }) => {
      const [row] = await db.select().from(t.catalogImports).where(eq(t.catalogImports.id, importId));
      return row;
    });
  const imp = await load();
  if (!imp) throw new PermanentJobError(`no catalog import ${importId} in tenant ${tenant.id}`);
  if (imp.status === 'done' || imp.status === 'failed') return catalogImportView(imp);

  const fail = async (message: string, row = 0) => {
    const [failed] = await withTenant(deps.database, tenant, ({ db, t }) =>
      db
        .update(t.catalogImports)
        .set({
          status: 'failed',
          errors: sql`${t.catalogImports.errors} || ${JSON.stringify([{ row, field: 'file', message }])}::jsonb`,
          updatedAt: new Date(),
        })
        .where(eq(t.catalogImports.id, importId))
        .returning(),
    );
    return catalogImportView(failed ?? imp);
  };

  const file = await deps.files.get(imp.fileKey);
  if (!file) return fail('The uploaded file is gone; upload it again');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    return fail('The file is not UTF-8 text; save it as "CSV UTF-8" and upload it again');
  }

  // Pass 1: header, well-formedness, row count.
  let layout: CsvLayout | undefined;
  let total = 0;
  try {
    for await (const record of streamParse(file.bytes)) {
      if (!layout) {
        const header = readHeader(record);
        if ('error' in header) return fail(header.error, 1);
        layout = header;
      } else total++;
    }
  } catch (e) {
    if (e instanceof CsvError)
      return fail(
        `The file is not valid CSV near line ${(e as CsvError & { lines?: number }).lines ?? '?'}: ${e.message}`,
      );
    throw e;
  }
  if (!layout) return fail('The file is empty; it needs the header row and one row per product');

  const context = await withTenant(deps.database, tenant, async (tx) => {
    const { db, t } = tx;
    await db
      .update(t.catalogImports)
      .set({ status: 'running', totalRows: total, updatedAt: new Date() })
      .where(eq(t.catalogImports.id, importId));
    const [vendor] = await db
      .select({ status: t.vendors.status })
      .from(t.vendors)
      .where(eq(t.vendors.id, imp.vendorId));
    const categories = await db
      .select({
        id: t.categories.id,
        slug: t.categories.slug,
        path: t.categories.path,
        archivedAt: t.categories.archivedAt,
      })
      .from(t.categories);
    const hidden = hiddenCategoryIds(categories);
    const [started] = await db
      .select({ userId: t.auditLog.actorUserId })
      .from(t.auditLog)
      .where(
        and(
          eq(t.auditLog.subjectType, 'catalog_import'),
          eq(t.auditLog.subjectId, importId),
          eq(t.auditLog.action, 'catalog.import_started'),
        ),
      );
    return {
      vendorId: imp.vendorId,
      userId: started?.userId ?? null,
      vendorApproved: vendor?.status === 'approved',
      categories: new Map(categories.map((c) => [c.slug, { id: c.id, archived: hidden.has(c.id) }])),
    } satisfies Context;
  });

  // Pass 2: check and apply, resuming after the last committed batch.
  let done = imp.processedRows;
  let listed = imp.errors.length;
  const firstRowOfSku = new Map<string, number>();
  let batch: GoodRow[] = [];
  let errors: ImportRowError[] = [];
  let index = 0;
  const addErrors = (row: number, list: Omit<ImportRowError, 'row'>[]) => {
    if (listed >= IMPORT_ERRORS_CAP) return;
    for (const e of list) errors.push({ row, ...e });
    listed += list.length;
  };
  const flush = async (upTo: number) => {
    await applyBatch(
      deps,
      tenant,
      importId,
      context,
      { batch, errors, from: done, upTo },
      () => listed < IMPORT_ERRORS_CAP,
      (n) => {
        listed += n;
      },
    );
    done = upTo;
    batch = [];
    errors = [];
    failpoint('catalog.import.after-batch');
    await options.afterBatch?.(done);
  };

  let header = true;
  for await (const cells of streamParse(file.bytes)) {
    if (header) {
      header = false;
      continue;
    }
    const row = index + 2; // the header is row 1, as in a spreadsheet
    index++;
    const sku = (cells[layout.sku] ?? '').trim();
    const seen = sku ? firstRowOfSku.get(sku) : undefined;
    if (sku && seen === undefined) firstRowOfSku.set(sku, row);
    if (index <= done) continue; // committed by an earlier run

    if (cells.length !== Object.keys(layout).length) {
      addErrors(row, [
        { field: 'row', message: `has ${cells.length} cells; the header has ${Object.keys(layout).length}` },
      ]);
    } else if (seen !== undefined) {
      addErrors(row, [{ field: 'sku', message: `${sku} is already in row ${seen}; each SKU once per file` }]);
    } else {
      const result = parseCsvRow(cells, layout);
      const problems = [...(result.ok ? [] : result.errors), ...rowContextIssues(cells, layout, context)];
      if (problems.length) addErrors(row, problems);
      else if (result.ok) batch.push({ row, value: resolveCategory(result.value, context) });
    }
    if (index - done >= batchSize) await flush(index);
  }
  if (index > done || done === 0) await flush(index);

  const [finished] = await withTenant(deps.database, tenant, ({ db, t }) =>
    db
      .update(t.catalogImports)
      .set({ status: 'done', totalRows: index, updatedAt: new Date() })
      .where(eq(t.catalogImports.id, importId))
      .returning(),
  );
  return catalogImportView(finished ?? imp);
}

/** Checks that need the marketplace: the category slug exists; publishing needs approval. */
function rowContextIssues(
  cells: string[],
  layout: CsvLayout,
  context: Context,
): Omit<ImportRowError, 'row'>[] {
  const issues: Omit<ImportRowError, 'row'>[] = [];
  const slug = (cells[layout.category_slug] ?? '').trim();
  if (slug && !context.categories.has(slug))
    issues.push({ field: 'category_slug', message: `no category with the slug "${slug}"` });
  const status = (cells[layout.status] ?? '').trim().toLowerCase();
  if ((status === 'published' || status === 'pending_review') && !context.vendorApproved)
    issues.push({
      field: 'status',
      message: 'your vendor account is not approved yet; import as draft and publish once it is',
    });
  return issues;
}

const resolveCategory = (value: CsvProduct, context: Context): CsvProduct => ({
  ...value,
  product: {
    ...value.product,
    categoryId: value.categorySlug ? (context.categories.get(value.categorySlug)?.id ?? null) : null,
  },
});

/**
 * One batch in one transaction: the good rows upserted with their tiers, and the progress
 * (rows done, counts, errors) of every row up to `upTo`. Checks under the import row's lock that
 * no other run of this import committed meanwhile.
 */
async function applyBatch(
  deps: Pick<Deps, 'database'>,
  tenant: TenantRef,
  importId: string,
  context: Context,
  work: { batch: GoodRow[]; errors: ImportRowError[]; from: number; upTo: number },
  canList: () => boolean,
  listedMore: (n: number) => void,
): Promise<void> {
  await withTenant(deps.database, tenant, async (tx) => {
    const { db, t } = tx;
    const [current] = await db
      .select({ processedRows: t.catalogImports.processedRows })
      .from(t.catalogImports)
      .where(eq(t.catalogImports.id, importId))
      .for('update');
    if (current?.processedRows !== work.from)
      throw new ImportSupersededError(`import ${importId} was advanced by another run`);

    const errors = [...work.errors];
    let created = 0;
    let updated = 0;
    if (work.batch.length) {
      const result = await upsertRows(tx, context, work.batch);
      created = result.created;
      updated = result.updated;
      for (const e of result.errors) {
        if (!canList()) break;
        errors.push(e);
        listedMore(1);
      }
    }
    await db
      .update(t.catalogImports)
      .set({
        processedRows: work.upTo,
        createdCount: sql`${t.catalogImports.createdCount} + ${created}`,
        updatedCount: sql`${t.catalogImports.updatedCount} + ${updated}`,
        ...(errors.length
          ? { errors: sql`${t.catalogImports.errors} || ${JSON.stringify(errors)}::jsonb` }
          : {}),
        updatedAt: new Date(),
      })
      .where(eq(t.catalogImports.id, importId));
  });
}

/**
 * Write good rows through the product API's write path (`writeProducts`: status rules, tiers,
 * search columns, events, audit rows), matched to the vendor's products by SKU.
 */
async function upsertRows(tx: TenantTx, context: Context, rows: GoodRow[]) {
  const { db, t } = tx;
  const existing = new Map(
    (
      await db
        .select({
          id: t.products.id,
          sku: t.products.sku,
          status: t.products.status,
          statusReason: t.products.statusReason,
          categoryId: t.products.categoryId,
          publishedAt: t.products.publishedAt,
        })
        .from(t.products)
        .where(
          and(
            eq(t.products.vendorId, context.vendorId),
            inArray(
              t.products.sku,
              rows.map((r) => r.value.product.sku),
            ),
          ),
        )
        .for('update')
    ).map((r) => [r.sku, r]),
  );
  const archivedIds = new Set([...context.categories.values()].filter((c) => c.archived).map((c) => c.id));
  const errors: ImportRowError[] = [];
  const writes: ProductWrite[] = [];
  for (const { row, value } of rows) {
    const { product } = value;
    const before = existing.get(product.sku) ?? null;
    // A product may stay in a category archived since; it cannot move into one.
    if (
      product.categoryId &&
      archivedIds.has(product.categoryId) &&
      before?.categoryId !== product.categoryId
    ) {
      errors.push({
        row,
        field: 'category_slug',
        message: `the category "${value.categorySlug}" is archived (or inside an archived one)`,
      });
      continue;
    }
    writes.push({ current: before, product, status: value.status });
  }
  const saved = await writeProducts(tx, { vendorId: context.vendorId, userId: context.userId }, writes);
  const created = saved.filter((s) => s.inserted).length;
  return { created, updated: saved.length - created, errors };
}

/**
 * The job's entry point: find the tenant, then run the import (a gone tenant ends the job).
 * When the last attempt fails too, the import is marked failed (keeping what was applied), so
 * the vendor is not left watching a progress bar that never moves.
 */
export async function runCatalogImportJob(
  deps: Pick<Deps, 'database' | 'files'>,
  job: JobPayload<typeof catalogImportJob>,
  options: RunImportOptions & { finalAttempt?: boolean } = {},
): Promise<CatalogImportView | { skipped: string }> {
  const [tenant] = await deps.database.platform
    .select({ id: p.tenants.id, schemaName: p.tenants.schemaName, status: p.tenants.status })
    .from(p.tenants)
    .where(eq(p.tenants.id, job.tenantId));
  if (!tenant) return { skipped: 'the tenant no longer exists' };
  try {
    return await runCatalogImport(deps, tenant, job.importId, options);
  } catch (e) {
    if (e instanceof ImportSupersededError) return { skipped: e.message };
    if (options.finalAttempt || e instanceof PermanentJobError)
      await withTenant(deps.database, tenant, ({ db, t }) =>
        db
          .update(t.catalogImports)
          .set({
            status: 'failed',
            errors: sql`${t.catalogImports.errors} || ${JSON.stringify([
              {
                row: 0,
                field: 'file',
                message:
                  'The import stopped because of an error on our side; the rows counted as processed were ' +
                  'applied. Upload the file again to finish: those rows are simply updated.',
              },
            ])}::jsonb`,
            updatedAt: new Date(),
          })
          .where(
            and(
              eq(t.catalogImports.id, job.importId),
              inArray(t.catalogImports.status, ['queued', 'running']),
            ),
          ),
      ).catch(() => {});
    throw e;
  }
}
