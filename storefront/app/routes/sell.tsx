import { ApiError } from '@agora/api-client';
import { FieldErrors, TextField, VendorDetailsFields } from '@agora/ui/form-fields';
import { apiErrorReply, formValues, okReply } from '@agora/ui/forms';
import {
  Form,
  type MetaFunction,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteLoaderData,
} from '@remix-run/react';
import { type ActionFunctionArgs, json } from '@remix-run/server-runtime';
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
  // What was typed and checked, to fill the form again (never the password; files cannot be given back).
  const values = formValues(form, ['industries']);
  delete values.password;
  values.industries = submittedIndustries(form);
  const documentsChosen = form.getAll('documents').some((v) => typeof v !== 'string' && v.size > 0);
  try {
    const vendor = await apiFor(context).applyAsVendor(form);
    return json({ ...okReply(''), status: vendor.status, rateLimited: false, documentsChosen: false });
  } catch (e) {
    // The API's status (400 for a refused field, 429 when rate limited), and the form as typed.
    if (e instanceof ApiError && e.status < 500) {
      const reply = apiErrorReply(e, values, 'application');
      return json(
        {
          ...reply,
          // One industry or one document: named by its value or file, under its field.
          fields: errorsByField(e, form),
          status: null,
          // Too many applications from this address (429): say so plainly, it is not a form error.
          rateLimited: e.code === 'rate_limited',
          documentsChosen,
        },
        { status: e.status },
      );
    }
    throw e;
  }
}

/** The documents input: files to send with the application. */
function DocumentsField({
  errors,
  notice,
  onFilesChange,
}: {
  errors?: string[];
  notice?: string;
  onFilesChange: (count: number) => void;
}) {
  return (
    <div className={`field${errors?.length ? ' has-error' : ''}`}>
      <label htmlFor="f-documents">Verification documents</label>
      <input
        id="f-documents"
        name="documents"
        type="file"
        required
        multiple
        accept="application/pdf,image/png,image/jpeg"
        onChange={(e) => onFilesChange(e.currentTarget.files?.length ?? 0)}
      />
      {notice ? (
        <small className="notice" role="status" data-testid="notice-documents">
          {notice}
        </small>
      ) : null}
      <small className="hint">PDF, PNG or JPEG, up to 5 files of 5 MB.</small>
      <FieldErrors name="documents" errors={errors} />
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
  const attachAgain = data?.documentsChosen && filesChosen === 0;
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
        <VendorDetailsFields
          values={data?.values ?? {}}
          errors={f}
          industries={industries}
          required
          contactEmail={{ label: 'Contact email (your sign-in)' }}
          afterContact={
            <TextField
              name="password"
              label="Password"
              type="password"
              required
              errors={f.password}
              hint="At least 10 characters."
            />
          }
        />
        <DocumentsField
          errors={f.documents}
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
