import { ApiError, type QuickOrderResult } from '@agora/api-client';
import { MAX_QUICK_ORDER_CHARS } from '@agora/contracts';
import { FieldErrors } from '@agora/ui/form-fields';
import { apiErrorReply, type FormReply, formFile } from '@agora/ui/forms';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useNavigation, useRouteLoaderData } from '@remix-run/react';
import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/server-runtime';
import { AppLink } from '../components/app-link.js';
import { requireBuyer, verifiedForm } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Quick order' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireBuyer(request, context);
  return json({}, { headers: { 'cache-control': 'private, no-store' } });
}

type Reply = (FormReply & { result?: undefined }) | { result: QuickOrderResult; ok: true };

/** Pasted lines or an uploaded CSV (its text), added through the API; problems listed by line. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireBuyer(request, context);
  const form = await verifiedForm(request);
  const file = formFile(form, 'file');
  const pasted = String(form.get('text') ?? '');
  const values = { text: pasted.slice(0, MAX_QUICK_ORDER_CHARS) };
  const text = file ? await file.text() : pasted;
  if (!text.trim())
    return json<Reply>(
      {
        ok: false,
        message: 'Paste lines of SKU, quantity or choose a CSV file',
        fields: { text: ['paste at least one line of SKU, quantity'] },
        values,
      },
      { status: 400 },
    );
  try {
    return json<Reply>({ ok: true, result: await api.quickOrder(text) });
  } catch (e) {
    if (e instanceof ApiError && e.status < 500)
      return json<Reply>(apiErrorReply(e, values, 'quick order'), { status: e.status });
    throw e;
  }
}

export default function QuickOrder() {
  const data = useActionData<typeof action>() as Reply | undefined;
  const csrf = useRouteLoaderData<{ csrf: string | null }>('root')?.csrf ?? '';
  const busy = useNavigation().state === 'submitting';
  const result = data?.result;
  const failed = data && !data.result ? data : null;
  return (
    <main className="page narrow-page">
      <h1>Quick order</h1>
      <p>
        One line per product: <code>SKU, quantity</code>. When several vendors sell the same SKU, add the
        vendor: <code>SKU, quantity, vendor name</code>. Or upload a CSV file with those columns.
      </p>
      {failed?.message ? (
        <p className="notice-error" role="alert">
          {failed.message}
        </p>
      ) : null}
      {result ? (
        <section className="card" data-testid="quick-order-result" aria-live="polite">
          <p className={result.added.length ? 'notice-success' : 'notice-info'}>
            {result.added.length === 0
              ? 'Nothing was added.'
              : `Added ${result.added.length} ${result.added.length === 1 ? 'line' : 'lines'} to your cart.`}{' '}
            <AppLink to="/cart">Go to the cart</AppLink>
          </p>
          {result.problems.length ? (
            <>
              <h2>Lines not added</h2>
              <table data-testid="quick-order-problems">
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Text</th>
                    <th scope="col">What to change</th>
                  </tr>
                </thead>
                <tbody>
                  {result.problems.map((p) => (
                    <tr key={p.line}>
                      <td>{p.line}</td>
                      <td>
                        <code>{p.text}</code>
                      </td>
                      <td>{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack">
        <input type="hidden" name="csrf" value={csrf} />
        <div className="field">
          <label htmlFor="text">Lines</label>
          <textarea
            id="text"
            name="text"
            rows={8}
            placeholder={'BOLT-M8, 1000\nWASHER-8, 500'}
            defaultValue={failed?.values?.text as string | undefined}
            aria-invalid={failed?.fields?.text ? true : undefined}
            aria-describedby={failed?.fields?.text ? 'f-text-error' : undefined}
          />
          <FieldErrors name="text" errors={failed?.fields?.text} />
        </div>
        <div className="field">
          <label htmlFor="file">Or a CSV file</label>
          <input id="file" name="file" type="file" accept=".csv,text/csv,text/plain" />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Adding…' : 'Add to cart'}
        </button>
      </Form>
    </main>
  );
}
