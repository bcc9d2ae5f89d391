import { ApiError, flattenCategories, type ProductInput } from '@agora/api-client';
import { quote } from '@agora/core/pricing';
import { FieldErrors } from '@agora/ui/form-fields';
import { apiErrorReply, issuesReply } from '@agora/ui/forms';
import { formatBps, formatMoney, minorToInput, parseMoney } from '@agora/ui/money';
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { errorsOnRows, parseTierRows, tierRowCount, tierValues } from '../lib/tier-rows.js';
import { Csrf, Field, Notice, Shell, StatusBadge } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Product' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const categories = flattenCategories((await api.categories()).data);
  const saved = new URL(request.url).searchParams.get('saved');
  if (params.id === 'new') return { user, product: null, categories, saved };
  try {
    return { user, product: await api.vendorProduct(params.id ?? ''), categories, saved };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new Response('No such product.', { status: 404 });
    throw e;
  }
}

type Values = Record<string, string>;

/** Form fields -> the API body; amounts typed in major units become exact minor units. */
function toInput(form: FormData): {
  input: ProductInput;
  fields: Record<string, string>;
  values: Values;
  tierRows: number[];
} {
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Values;
  const currency = (values.currency ?? '').trim().toUpperCase() || 'EUR';
  const fields: Record<string, string> = {};
  const int = (name: string) => {
    const n = Number(values[name]);
    return Number.isInteger(n) ? n : Number.NaN;
  };
  const money = (name: string, key = name) => {
    const minor = parseMoney(values[name] ?? '', currency);
    if (minor === null) fields[key] = 'Enter an amount like 12.50';
    return minor ?? 0;
  };
  const parsed = parseTierRows(values, currency);
  Object.assign(fields, parsed.fields);
  const attributes = (values.attributes ?? '')
    .split('\n')
    .map((line) => line.split(':'))
    .filter(([name, ...rest]) => name?.trim() && rest.join(':').trim())
    .map(([name, ...rest]) => ({ name: (name ?? '').trim(), value: rest.join(':').trim() }));
  const input: ProductInput = {
    sku: values.sku ?? '',
    title: values.title ?? '',
    description: values.description ?? '',
    categoryId: values.categoryId || null,
    unit: values.unit ?? '',
    minOrderQty: int('minOrderQty'),
    orderIncrement: int('orderIncrement'),
    leadTimeDays: int('leadTimeDays'),
    stockQty: int('stockQty'),
    currency,
    basePriceMinor: money('basePrice', 'basePriceMinor'),
    attributes,
    tiers: parsed.tiers,
  };
  return { input, fields, values, tierRows: parsed.rows };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
  const { input, fields, values, tierRows } = toInput(form);
  if (Object.keys(fields).length)
    return issuesReply(
      Object.entries(fields).map(([path, message]) => ({ path, message })),
      values,
      'product',
    );
  try {
    const saved =
      params.id === 'new' ? await api.createProduct(input) : await api.updateProduct(params.id ?? '', input);
    if (form.get('intent') === 'publish') await api.publishProduct(saved.id);
    return redirect(
      `/console/products/${saved.id}?saved=${form.get('intent') === 'publish' ? 'published' : '1'}`,
    );
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) {
      // The API numbers tiers as it read them; the form shows them on the rows they were typed in.
      const onRows = errorsOnRows(e.fieldErrors, tierRows);
      return apiErrorReply(
        {
          message: e.message,
          details: { fields: Object.entries(onRows).map(([path, message]) => ({ path, message })) },
        },
        values,
        'product',
      );
    }
    throw e;
  }
}

export default function ProductEditor() {
  const { user, product, categories, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const currency0 = result?.values?.currency || product?.currency || 'EUR';
  const initial: Values = result?.values ?? {
    sku: product?.sku ?? '',
    title: product?.title ?? '',
    description: product?.description ?? '',
    categoryId: product?.categoryId ?? '',
    unit: product?.unit ?? 'piece',
    minOrderQty: String(product?.minOrderQty ?? 1),
    orderIncrement: String(product?.orderIncrement ?? 1),
    leadTimeDays: String(product?.leadTimeDays ?? 0),
    stockQty: String(product?.stockQty ?? 0),
    currency: currency0,
    basePrice: product ? minorToInput(product.basePriceMinor, product.currency) : '',
    attributes: (product?.attributes ?? []).map((a) => `${a.name}: ${a.value}`).join('\n'),
    ...tierValues(product?.tiers ?? [], currency0),
  };
  // Inputs are uncontrolled (what was typed before hydration stays); the preview reads the form.
  const [values, setValues] = useState<Values>(initial);
  const [previewQty, setPreviewQty] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const readForm = () => {
    if (formRef.current)
      setValues(Object.fromEntries([...new FormData(formRef.current)].map(([k, v]) => [k, String(v)])));
  };
  // Read once after hydration: the browser may have kept what was typed before it.
  useEffect(readForm, []);
  const f = result?.fields ?? {};
  // Every tier the product has plus a few empty rows; grows as rows are filled in.
  const tierRows = tierRowCount(values);
  const bound = (name: string) => ({ name, defaultValue: initial[name] ?? '', id: `f-${name}` });

  // Live preview with the same pricing function as the server.
  const currency = (values.currency ?? 'EUR').toUpperCase();
  let preview: { qty: number; text: string }[] = [];
  try {
    const tiers = Array.from({ length: tierRows }, (_, i) => ({
      q: values[`tierQty${i}`],
      p: values[`tierPrice${i}`],
    }))
      .filter((t) => t.q && t.p)
      .map((t) => ({ minQty: Number(t.q), unitPriceMinor: parseMoney(t.p ?? '', currency) ?? Number.NaN }));
    const priced = {
      minOrderQty: Number(values.minOrderQty) || 1,
      orderIncrement: Number(values.orderIncrement) || 1,
      basePriceMinor: parseMoney(values.basePrice ?? '', currency) ?? 0,
      tiers,
    };
    preview = previewQty
      .split(/[ ,]+/)
      .filter(Boolean)
      .map(Number)
      .map((qty) => {
        const q = quote(priced, qty);
        return {
          qty,
          text: q.ok
            ? `${formatMoney(q.unitPriceMinor, currency)} each, ${formatMoney(q.totalMinor, currency)} total${q.savingBps ? ` (save ${formatBps(q.savingBps)})` : ''}`
            : q.reason,
        };
      });
  } catch {
    preview = [];
  }

  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <p>
        <Link to="/console/products">← Products</Link>
      </p>
      <h1>
        {product ? product.title : 'New product'} {product ? <StatusBadge status={product.status} /> : null}
      </h1>
      {product ? <Link to={`/console/products/${product.id}/images`}>Images</Link> : null}
      {product?.statusReason ? (
        <Notice kind="warning">
          Rejected: {product.statusReason}
          <br />
          Change what it asks for, then publish again to send it back for review.
        </Notice>
      ) : null}
      {saved === 'published' ? <Notice kind="success">Saved and submitted for publication.</Notice> : null}
      {saved === '1' ? <Notice kind="success">Saved.</Notice> : null}
      {result?.message ? <Notice kind="error">{result.message}</Notice> : null}
      <Form method="post" ref={formRef} onChange={readForm}>
        <Csrf />
        <div className="row">
          <section className="card">
            <Field label="Title" name="title" error={f.title}>
              <input {...bound('title')} required />
            </Field>
            <Field label="SKU" name="sku" error={f.sku}>
              <input {...bound('sku')} required />
            </Field>
            <Field label="Category" name="categoryId" error={f.categoryId}>
              <select {...bound('categoryId')}>
                <option value="">None</option>
                {categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {`${'\u00a0\u00a0'.repeat(c.depth)}${c.name}`}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Description" name="description" error={f.description}>
              <textarea {...bound('description')} rows={4} />
            </Field>
            <Field label="Specifications (one per line: Name: value)" name="attributes" error={f.attributes}>
              <textarea {...bound('attributes')} rows={4} />
            </Field>
          </section>
          <section className="card">
            <div className="row">
              <Field label="Unit" name="unit" error={f.unit}>
                <input {...bound('unit')} required />
              </Field>
              <Field label="Currency" name="currency" error={f.currency}>
                <input {...bound('currency')} maxLength={3} required />
              </Field>
            </div>
            <div className="row">
              <Field label="Minimum order" name="minOrderQty" error={f.minOrderQty}>
                <input {...bound('minOrderQty')} type="number" min={1} required />
              </Field>
              <Field label="Order increment" name="orderIncrement" error={f.orderIncrement}>
                <input {...bound('orderIncrement')} type="number" min={1} required />
              </Field>
            </div>
            <div className="row">
              <Field label="Lead time (days)" name="leadTimeDays" error={f.leadTimeDays}>
                <input {...bound('leadTimeDays')} type="number" min={0} />
              </Field>
              <Field label="Stock" name="stockQty" error={f.stockQty}>
                <input {...bound('stockQty')} type="number" min={0} />
              </Field>
            </div>
            <Field label="List price per unit" name="basePrice" error={f.basePriceMinor}>
              <input {...bound('basePrice')} inputMode="decimal" required />
            </Field>
            <h2>Volume tiers</h2>
            <p className="hint">
              From this quantity on, each unit costs… The first tier starts at the minimum order.
            </p>
            <table className="tier-editor">
              <thead>
                <tr>
                  <th>From quantity</th>
                  <th>Unit price</th>
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: tierRows }, (_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions (tierQty<i>)
                  <tr key={i}>
                    <td>
                      <input
                        {...bound(`tierQty${i}`)}
                        aria-label={`Tier ${i + 1} from quantity`}
                        type="number"
                        min={1}
                      />
                      <FieldErrors name={`tiers.${i}.minQty`} errors={f[`tiers.${i}.minQty`]} />
                    </td>
                    <td>
                      <input
                        {...bound(`tierPrice${i}`)}
                        aria-label={`Tier ${i + 1} unit price`}
                        inputMode="decimal"
                      />
                      <FieldErrors
                        name={`tiers.${i}.unitPriceMinor`}
                        errors={f[`tiers.${i}.unitPriceMinor`]}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <FieldErrors name="tiers" errors={f.tiers} />
            <div className="field">
              <label htmlFor="preview">Preview the price at quantities</label>
              <input
                id="preview"
                value={previewQty}
                onChange={(e) => setPreviewQty(e.target.value)}
                placeholder="e.g. 10, 100, 500"
              />
            </div>
            <ul data-testid="price-preview">
              {preview.map((p) => (
                <li key={p.qty}>
                  {p.qty}: {p.text}
                </li>
              ))}
            </ul>
          </section>
        </div>
        <button type="submit" name="intent" value="save">
          Save
        </button>{' '}
        <button type="submit" name="intent" value="publish" className="secondary">
          Save and publish
        </button>
      </Form>
    </Shell>
  );
}
