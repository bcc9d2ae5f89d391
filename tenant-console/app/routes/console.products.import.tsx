import { ApiError } from '@agora/api-client';
import { CSV_COLUMN_REFERENCE } from '@agora/core/catalog-csv';
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
import { Csrf, Field, Notice, Shell } from '../lib/ui.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: 'Import products' },
  ...(data?.job && (data.job.status === 'queued' || data.job.status === 'running')
    ? [{ httpEquiv: 'refresh', content: '2' } as const]
    : []),
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const id = new URL(request.url).searchParams.get('import');
  return { user, job: id ? await api.importStatus(id) : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { error: 'Choose a CSV file to import.' };
  try {
    const { id } = await api.startImport(await file.text());
    return redirect(`/console/products/import?import=${id}`);
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return { error: e.message };
    throw e;
  }
}

export default function ImportProducts() {
  const { user, job } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
      {result?.error ? <Notice kind="error">{result.error}</Notice> : null}
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
          <Field label="CSV file" name="file">
            <input id="f-file" name="file" type="file" accept=".csv,text/csv" required />
          </Field>
          <button type="submit">Import</button>
        </Form>
      </section>
    </Shell>
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
