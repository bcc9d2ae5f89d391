import { ApiError } from '@agora/api-client';
import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useNavigation, useRouteLoaderData } from '@remix-run/react';
import { apiFor } from '../context.js';
import type { loader as rootLoader } from '../root.js';

export const meta: MetaFunction = () => [{ title: 'Sell on this marketplace' }];

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  try {
    const vendor = await apiFor(context).applyAsVendor(form);
    return {
      ok: true as const,
      status: vendor.status,
      message: '',
      rateLimited: false,
      fields: {} as Record<string, string>,
    };
  } catch (e) {
    if (e instanceof ApiError && e.status < 500)
      return {
        ok: false as const,
        status: null,
        message: e.message,
        // Too many applications from this address (429): say so plainly, it is not a form error.
        rateLimited: e.code === 'rate_limited',
        fields: e.fieldErrors,
      };
    throw e;
  }
}

function Field({
  name,
  label,
  type = 'text',
  required = true,
  error,
  hint,
}: {
  name: string;
  label: string;
  type?: string;
  required?: boolean;
  error?: string;
  hint?: string;
}) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={`f-${name}`}>{label}</label>
      {type === 'textarea' ? (
        <textarea id={`f-${name}`} name={name} required={required} rows={4} />
      ) : (
        <input
          id={`f-${name}`}
          name={name}
          type={type}
          required={required}
          {...(type === 'file' ? { multiple: true, accept: 'application/pdf,image/png,image/jpeg' } : {})}
        />
      )}
      {hint ? <small className="hint">{hint}</small> : null}
      {error ? (
        <small className="error" role="alert">
          {error}
        </small>
      ) : null}
    </div>
  );
}

export default function Sell() {
  const data = useActionData<typeof action>();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const busy = useNavigation().state === 'submitting';
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
        <Field name="businessName" label="Business name" error={f.businessName} />
        <Field name="legalName" label="Legal name" error={f.legalName} />
        <Field name="country" label="Country (ISO code, e.g. DE)" error={f.country} />
        <Field name="taxId" label="Tax or registration id" error={f.taxId} />
        <Field name="contactName" label="Contact person" error={f.contactName} />
        <Field name="contactEmail" label="Contact email (your sign-in)" type="email" error={f.contactEmail} />
        <Field
          name="password"
          label="Password"
          type="password"
          error={f.password}
          hint="At least 10 characters."
        />
        <Field name="website" label="Website" type="url" required={false} error={f.website} />
        <Field
          name="industries"
          label="Industries"
          error={f.industries}
          hint="Comma-separated, e.g. packaging, industrial-supplies"
        />
        <Field name="description" label="What you sell" type="textarea" error={f.description} />
        <Field
          name="documents"
          label="Verification documents"
          type="file"
          error={f.documents}
          hint="PDF, PNG or JPEG, up to 5 files of 5 MB."
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Sending…' : 'Apply'}
        </button>
      </Form>
    </main>
  );
}
