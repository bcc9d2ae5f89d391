import { ApiError } from '@agora/api-client';
import { type ActionFunctionArgs, json, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from '@remix-run/react';
import { useState } from 'react';
import { apiFor } from '../context.js';
import { industryOptions } from '../industries.server.js';
import type { loader as rootLoader } from '../root.js';

export const meta: MetaFunction = () => [{ title: 'Sell on this marketplace' }];

export function loader() {
  return { industries: industryOptions() };
}

/** The industries as the API reads them: repeated fields or comma-separated lists. */
function submittedIndustries(form: FormData): string[] {
  return form
    .getAll('industries')
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : []))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** The form's text fields, given back after a refusal; never the password. */
const KEPT_FIELDS = [
  'businessName',
  'legalName',
  'country',
  'taxId',
  'contactName',
  'contactEmail',
  'website',
  'description',
] as const;

/** What the applicant typed and checked, to fill the form again (files cannot be given back). */
function typedValues(form: FormData) {
  const text: Record<string, string> = {};
  for (const name of KEPT_FIELDS) {
    const v = form.get(name);
    text[name] = typeof v === 'string' ? v : '';
  }
  const documents = form.getAll('documents').some((v) => typeof v !== 'string' && v.size > 0);
  return { text, industries: submittedIndustries(form), documents };
}

/**
 * The API's field errors grouped under the form's fields. A problem with one industry or one
 * document comes keyed `industries.<n>` / `documents.<n>` (the n-th value or file as the API read
 * them); it is shown under its field, naming the value or file.
 */
function errorsByField(e: ApiError, form: FormData): Record<string, string[]> {
  // As the API reads them: repeated fields or comma-separated lists; files that were chosen.
  const industries = submittedIndustries(form);
  const documents = form
    .getAll('documents')
    .flatMap((v) => (typeof v !== 'string' && (v.size > 0 || v.name) ? [v.name] : []));
  const grouped: Record<string, string[]> = {};
  for (const { path, message } of e.details?.fields ?? []) {
    const [field = path, index] = path.split('.');
    const n = Number(index);
    let text = message;
    if (field === 'industries' && industries[n] !== undefined) text = `“${industries[n]}”: ${message}`;
    const file = field === 'documents' ? documents[n] : undefined;
    if (file && !message.includes(file)) text = `${file}: ${message}`;
    grouped[field] = [...(grouped[field] ?? []), text];
  }
  return grouped;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  try {
    const vendor = await apiFor(context).applyAsVendor(form);
    return json({
      ok: true as const,
      status: vendor.status,
      message: '',
      rateLimited: false,
      fields: {} as Record<string, string[]>,
      values: null,
    });
  } catch (e) {
    // The API's status (400 for a refused field, 429 when rate limited), and the form as typed.
    if (e instanceof ApiError && e.status < 500)
      return json(
        {
          ok: false as const,
          status: null,
          message: e.message,
          // Too many applications from this address (429): say so plainly, it is not a form error.
          rateLimited: e.code === 'rate_limited',
          fields: errorsByField(e, form),
          values: typedValues(form),
        },
        { status: e.status },
      );
    throw e;
  }
}

/** A field's errors, one per line (a field such as `documents` can have one per file). */
function FieldErrors({ name, errors }: { name: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul className="error" role="alert" data-testid={`errors-${name}`}>
      {errors.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

function Field({
  name,
  label,
  type = 'text',
  required = true,
  errors,
  hint,
  defaultValue,
  notice,
  onFilesChange,
}: {
  name: string;
  label: string;
  type?: string;
  required?: boolean;
  errors?: string[];
  hint?: string;
  defaultValue?: string;
  /** Shown next to the input, as a status (e.g. files to attach again). */
  notice?: string;
  onFilesChange?: (count: number) => void;
}) {
  return (
    <div className={`field${errors?.length ? ' has-error' : ''}`}>
      <label htmlFor={`f-${name}`}>{label}</label>
      {type === 'textarea' ? (
        <textarea id={`f-${name}`} name={name} required={required} rows={4} defaultValue={defaultValue} />
      ) : (
        <input
          id={`f-${name}`}
          name={name}
          type={type}
          required={required}
          {...(type === 'file'
            ? {
                multiple: true,
                accept: 'application/pdf,image/png,image/jpeg',
                onChange: (e) => onFilesChange?.(e.currentTarget.files?.length ?? 0),
              }
            : { defaultValue })}
        />
      )}
      {notice ? (
        <small className="notice" role="status" data-testid={`notice-${name}`}>
          {notice}
        </small>
      ) : null}
      {hint ? <small className="hint">{hint}</small> : null}
      <FieldErrors name={name} errors={errors} />
    </div>
  );
}

export default function Sell() {
  const { industries } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const busy = useNavigation().state === 'submitting';
  // Files chosen since the page loaded. A page sent back after a refusal (no JavaScript) never has
  // any: browsers do not let a page fill a file input. A refusal seen in place keeps them.
  const [filesChosen, setFilesChosen] = useState(0);
  const name = root?.storefront.name ?? 'this marketplace';
  if (data?.ok) {
    return (
      <main className="page narrow-page">
        <h1>Application received</h1>
        <p data-testid="application-status">
          {data.status === 'approved'
            ? `Welcome to ${name}: your vendor account is approved. Check your email to verify your address, then sign in to list products.`
            : `Thank you. ${name} reviews every application; you will get an email when it is decided. Check your inbox to verify your address.`}
        </p>
        <a className="button" href="/console/login">
          Sign in
        </a>
      </main>
    );
  }
  const f = data?.fields ?? {};
  const typed = data?.values?.text ?? {};
  const checked = new Set(data?.values?.industries ?? []);
  const attachAgain = data?.values?.documents && filesChosen === 0;
  return (
    <main className="page narrow-page">
      <h1>Sell on {name}</h1>
      <p>
        Tell us about your business. We review applications and verify documents before vendors can publish.
      </p>
      {data?.rateLimited ? (
        <p className="notice-error" role="alert" data-testid="rate-limited">
          <strong>Please wait before applying again.</strong> {data.message}
        </p>
      ) : data?.message ? (
        <p className="notice-error" role="alert">
          {data.message}
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data">
        <Field
          name="businessName"
          label="Business name"
          errors={f.businessName}
          defaultValue={typed.businessName}
        />
        <Field name="legalName" label="Legal name" errors={f.legalName} defaultValue={typed.legalName} />
        <Field
          name="country"
          label="Country (ISO code, e.g. DE)"
          errors={f.country}
          defaultValue={typed.country}
        />
        <Field name="taxId" label="Tax or registration id" errors={f.taxId} defaultValue={typed.taxId} />
        <Field
          name="contactName"
          label="Contact person"
          errors={f.contactName}
          defaultValue={typed.contactName}
        />
        <Field
          name="contactEmail"
          label="Contact email (your sign-in)"
          type="email"
          errors={f.contactEmail}
          defaultValue={typed.contactEmail}
        />
        <Field
          name="password"
          label="Password"
          type="password"
          errors={f.password}
          hint="At least 10 characters."
        />
        <Field
          name="website"
          label="Website"
          type="url"
          required={false}
          errors={f.website}
          defaultValue={typed.website}
        />
        <fieldset className={`field${f.industries?.length ? ' has-error' : ''}`}>
          <legend>Industries</legend>
          <div className="checkbox-group">
            {industries.map((i) => (
              <label key={i.value}>
                <input
                  type="checkbox"
                  name="industries"
                  value={i.value}
                  defaultChecked={checked.has(i.value)}
                />{' '}
                {i.label}
              </label>
            ))}
          </div>
          <small className="hint">Choose every industry you sell to.</small>
          <FieldErrors name="industries" errors={f.industries} />
        </fieldset>
        <Field
          name="description"
          label="What you sell"
          type="textarea"
          errors={f.description}
          defaultValue={typed.description}
        />
        <Field
          name="documents"
          label="Verification documents"
          type="file"
          errors={f.documents}
          hint="PDF, PNG or JPEG, up to 5 files of 5 MB."
          notice={
            attachAgain ? 'Files cannot be kept after an error: attach your documents again.' : undefined
          }
          onFilesChange={setFilesChosen}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Sending…' : 'Apply'}
        </button>
      </Form>
    </main>
  );
}
