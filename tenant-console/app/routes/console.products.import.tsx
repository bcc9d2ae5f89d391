import { ApiError, type ImportSummary, type TenantApi } from '@agora/api-client';
import { CSV_COLUMN_REFERENCE } from '@agora/core/catalog-csv';
import { apiErrorReply, requireFile } from '@agora/ui/forms';
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Csrf, Field, Notice, Shell, StatusBadge } from '../lib/ui.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: 'Import products' },
  ...(data?.job && (data.job.status === 'queued' || data.job.status === 'running')
    ? [{ httpEquiv: 'refresh', content: '2' } as const]
    : []),
];

/** Imports per page of "Recent imports". */
const RECENT_PAGE_SIZE = 10;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const params = new URL(request.url).searchParams;
  const id = params.get('import');
  const cursor = params.get('cursor') ?? '';
  const [job, recent] = await Promise.all([id ? api.importStatus(id) : null, recentImports(api, cursor)]);
  return { user, job, recent, cursor };
}

/** A page of the vendor's imports; a cursor that is not one (an edited address) gives the first page. */
async function recentImports(api: TenantApi, cursor: string) {
  try {
    return await api.imports({ cursor, limit: RECENT_PAGE_SIZE });
  } catch (e) {
    if (cursor && e instanceof ApiError && e.status === 400) return api.imports({ limit: RECENT_PAGE_SIZE });
    throw e;
  }
}

/** This page's address following `importId` (if any) on the page of imports at `cursor` (if any). */
function importPageHref(importId: string | null | undefined, cursor: string | null | undefined) {
  const query = new URLSearchParams();
  if (importId) query.set('import', importId);
  if (cursor) query.set('cursor', cursor);
  const qs = query.toString();
  return qs ? `/console/products/import?${qs}` : '/console/products/import';
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
  const chosen = requireFile(form, 'file', {
    message: 'Choose a CSV file to import.',
    field: 'Choose a file',
  });
  if (!chosen.ok) return chosen.reply;
  try {
    const { id } = await api.startImport(await chosen.file.text());
    return redirect(`/console/products/import?import=${id}`);
  } catch (e) {
    // A file too large or empty (`file`), or no right to import: said at the top and under the input.
    if (e instanceof ApiError && e.status < 500)
      return apiErrorReply(e, null, 'import', { keepMessage: true });
    throw e;
  }
}

export default function ImportProducts() {
  const { user, job, recent, cursor } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fileInvalid = Boolean(result?.fields.file?.length);
  const revalidator = useRevalidator();
  const running = job?.status === 'queued' || job?.status === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === 'idle' && revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  const percent = job?.totalRows ? Math.round((job.processedRows / job.totalRows) * 100) : 0;
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <p>
        <Link to="/console/products">← Products</Link>
      </p>
      <h1>Import products from CSV</h1>
      {result?.message ? <Notice kind="error">{result.message}</Notice> : null}
      {job ? (
        <section className="card" aria-live="polite">
          <h2>{running ? 'Importing…' : job.status === 'done' ? 'Import finished' : 'Import failed'}</h2>
          <div
            className="progress"
            role="progressbar"
            aria-valuenow={percent}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <span style={{ width: `${percent}%` }} />
          </div>
          <p data-testid="import-summary">
            {job.processedRows} of {job.totalRows} rows · {job.createdCount} created · {job.updatedCount}{' '}
            updated · {job.errorRows} with errors
            {job.errorsTruncated ? ` (the first ${job.errors.length} problems are listed)` : ''}
          </p>
          {job.errors.length ? (
            <table>
              <thead>
                <tr>
                  <th>Row</th>
                  <th>Field</th>
                  <th>Problem</th>
                </tr>
              </thead>
              <tbody>
                {job.errors.map((e) => (
                  <tr key={`${e.row}-${e.field}`}>
                    <td>{e.row}</td>
                    <td>{e.field}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <p className="hint">
            Rows with errors were left unchanged; fix them and import the file again (rows are matched by
            SKU).
          </p>
        </section>
      ) : null}
      <section className="card">
        <p>
          One product per row, matched by SKU: importing again updates.{' '}
          <a href="/console/products/csv?kind=template">Download the template</a> or{' '}
          <a href="/console/products/csv?kind=export">export your products</a> to edit them.
        </p>
        <CsvFormat />
        <Form method="post" encType="multipart/form-data">
          <Csrf />
          <Field label="CSV file" name="file" error={result?.fields.file}>
            <input
              id="f-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              required
              aria-invalid={fileInvalid ? true : undefined}
              aria-describedby={fileInvalid ? 'f-file-error' : undefined}
            />
          </Field>
          <button type="submit">Import</button>
        </Form>
      </section>
      <RecentImports
        imports={recent.data}
        following={job?.id}
        cursor={cursor}
        nextCursor={recent.nextCursor}
      />
    </Shell>
  );
}

/** A time as the same text on the server and in any browser (no local time zone). */
const utcTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** The vendor's imports, newest first, each a link that follows it on this page. */
function RecentImports({
  imports,
  following,
  cursor,
  nextCursor,
}: {
  imports: ImportSummary[];
  following: string | undefined;
  cursor: string;
  nextCursor: string | null;
}) {
  return (
    <section aria-labelledby="recent-imports">
      <h2 id="recent-imports">Recent imports</h2>
      {imports.length === 0 ? (
        <div className="card empty">{cursor ? 'No more imports.' : 'No imports yet.'}</div>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Started</th>
              <th>Status</th>
              <th>Rows</th>
              <th>Created</th>
              <th>Updated</th>
              <th>With errors</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link
                    to={importPageHref(i.id, cursor)}
                    aria-current={i.id === following ? 'true' : undefined}
                  >
                    <time dateTime={i.createdAt}>{utcTime(i.createdAt)}</time>
                  </Link>
                </td>
                <td>
                  <StatusBadge status={i.status} />
                </td>
                <td>
                  {i.processedRows} of {i.totalRows}
                </td>
                <td>{i.createdCount}</td>
                <td>{i.updatedCount}</td>
                <td>{i.errorRows}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor || nextCursor ? (
        <p>
          {cursor ? <Link to={importPageHref(following, null)}>Newest imports</Link> : null}
          {cursor && nextCursor ? ' · ' : null}
          {nextCursor ? <Link to={importPageHref(following, nextCursor)}>More</Link> : null}
        </p>
      ) : null}
    </section>
  );
}

/** The columns a file needs, from the same list the importer checks headers against. */
function CsvFormat() {
  return (
    <details className="csv-format">
      <summary>The file format</summary>
      <p>
        UTF-8, comma-separated, with a header row naming these columns in any order. Quote a cell that holds a
        comma, quote or line break. Rows with an error change nothing; the other rows are applied.
      </p>
      <table data-testid="csv-columns">
        <thead>
          <tr>
            <th>Column</th>
            <th>Required</th>
            <th>What to put in it</th>
            <th>Example</th>
          </tr>
        </thead>
        <tbody>
          {CSV_COLUMN_REFERENCE.map((c) => (
            <tr key={c.name}>
              <td>
                <code>{c.name}</code>
              </td>
              <td>{c.required ? 'yes' : 'no'}</td>
              <td>{c.help}</td>
              <td>
                <code>{c.example}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
