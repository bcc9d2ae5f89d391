import { ApiError, type OperatorVendor, type VendorProfileInput } from '@agora/api-client';
import { industryOptions } from '@agora/contracts';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Csrf, DocumentList, Field, Notice, Shell, StatusBadge } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Vendor profile' }];

/** Approved vendors cannot change these (the API answers 409). */
const LOCKED_WHEN_APPROVED = ['legalName', 'taxId', 'country'];

/** The text fields by name; `industries` is the checked ids joined by commas (ids have none). */
type Values = Record<string, string>;

const valuesOf = (vendor: OperatorVendor): Values => ({
  businessName: vendor.name,
  legalName: vendor.legalName,
  country: vendor.country,
  taxId: vendor.taxId,
  contactName: vendor.contactName,
  contactEmail: vendor.contactEmail,
  website: vendor.website ?? '',
  description: vendor.description,
  industries: vendor.industries.join(','),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  // The labelled choices come from the loader: @agora/contracts (zod) stays out of the browser.
  return { user, vendor: await api.vendorProfile(), industries: industryOptions() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Values;
  // One checkbox per industry: every checked value, not only the last.
  const industries = form.getAll('industries').filter((v): v is string => typeof v === 'string');
  values.industries = industries.join(',');
  try {
    if (form.get('intent') === 'documents') {
      const files = form.getAll('documents').filter((f): f is File => f instanceof File && f.size > 0);
      if (files.length === 0)
        return {
          ok: false,
          message: 'Choose a file to upload.',
          fields: { documents: 'Choose a file' } as Record<string, string>,
          values: null,
        };
      const upload = new FormData();
      for (const file of files) upload.append('documents', file, file.name);
      await api.addVendorDocuments(upload);
      return {
        ok: true,
        message: `Uploaded ${files.map((f) => f.name).join(', ')}.`,
        fields: {} as Record<string, string>,
        values: null,
      };
    }
    const before = await api.vendorProfile();
    const profile: VendorProfileInput = {
      businessName: values.businessName ?? '',
      legalName: values.legalName ?? '',
      country: values.country ?? '',
      taxId: values.taxId ?? '',
      contactName: values.contactName ?? '',
      contactEmail: values.contactEmail ?? '',
      website: values.website?.trim() ? values.website : null,
      description: values.description ?? '',
      industries,
    };
    const saved = await api.updateVendorProfile(profile);
    return {
      ok: true,
      message:
        before.status === 'info_requested'
          ? 'Saved and resubmitted: the marketplace will review your application again.'
          : 'Profile saved.',
      fields: {} as Record<string, string>,
      values: valuesOf(saved),
    };
  } catch (e) {
    if (e instanceof ApiError && e.status < 500)
      return { ok: false, message: e.message, fields: e.fieldErrors, values };
    throw e;
  }
}

export default function VendorProfile() {
  const { user, vendor, industries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const isAdmin = user.role === 'vendor_admin';
  const editable = isAdmin && ['pending', 'info_requested', 'approved'].includes(vendor.status);
  const canUpload = isAdmin && ['pending', 'info_requested'].includes(vendor.status);
  const resubmits = vendor.status === 'info_requested';
  const initial = result?.values ?? valuesOf(vendor);
  const f = result?.fields ?? {};
  const checked = new Set((initial.industries ?? '').split(','));
  const field = (name: string, label: string, props: { type?: string; hint?: string } = {}) => {
    const locked = !editable || (vendor.status === 'approved' && LOCKED_WHEN_APPROVED.includes(name));
    return (
      <Field label={label} name={name} error={f[name]} hint={props.hint}>
        {props.type === 'textarea' ? (
          <textarea id={`f-${name}`} name={name} defaultValue={initial[name]} rows={5} readOnly={locked} />
        ) : (
          <input
            id={`f-${name}`}
            name={name}
            type={props.type ?? 'text'}
            defaultValue={initial[name]}
            readOnly={locked}
            aria-invalid={f[name] ? true : undefined}
          />
        )}
      </Field>
    );
  };
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>
        {vendor.name} <StatusBadge status={vendor.status} of="vendor" />
      </h1>
      {result ? <Notice kind={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
      {vendor.statusReason ? (
        <Notice kind={resubmits ? 'warning' : 'info'}>
          {resubmits ? 'The marketplace asks for more information: ' : 'Reason: '}
          {vendor.statusReason}
        </Notice>
      ) : null}
      {resubmits && isAdmin ? (
        <Notice kind="info">
          Update your profile or add documents, then choose “Save and resubmit” to send your application for
          review again.
        </Notice>
      ) : null}
      <div className="row">
        <section className="card">
          <h2>Profile</h2>
          <Form method="post">
            <Csrf />
            {field('businessName', 'Business name')}
            {field('legalName', 'Legal name', {
              hint: vendor.status === 'approved' ? 'Cannot change after approval.' : undefined,
            })}
            {field('country', 'Country (ISO code, e.g. DE)')}
            {field('taxId', 'Tax or registration id')}
            {field('contactName', 'Contact person')}
            {field('contactEmail', 'Contact email', {
              type: 'email',
              hint: 'Where decisions are emailed; not your sign-in.',
            })}
            {field('website', 'Website', { type: 'url' })}
            <fieldset className={`field${f.industries ? ' has-error' : ''}`}>
              <legend>Industries</legend>
              <div className="checkbox-group">
                {industries.map((i) => (
                  <label key={i.value}>
                    <input
                      type="checkbox"
                      name="industries"
                      value={i.value}
                      defaultChecked={checked.has(i.value)}
                      disabled={!editable}
                    />{' '}
                    {i.label}
                  </label>
                ))}
              </div>
              <small className="hint">Choose every industry you sell to.</small>
              {f.industries ? (
                <small className="error" role="alert">
                  {f.industries}
                </small>
              ) : null}
            </fieldset>
            {field('description', 'What you sell', { type: 'textarea' })}
            {editable ? (
              <button type="submit" name="intent" value="profile">
                {resubmits ? 'Save and resubmit' : 'Save profile'}
              </button>
            ) : (
              <p className="hint">
                {isAdmin
                  ? `A ${vendor.status} vendor's profile cannot be changed.`
                  : 'Only your vendor admin can change the profile.'}
              </p>
            )}
          </Form>
        </section>
        <section className="card">
          <h2>Documents</h2>
          <DocumentList documents={vendor.documents} />
          {canUpload ? (
            <Form method="post" encType="multipart/form-data">
              <Csrf />
              <Field
                label="Add a document"
                name="documents"
                error={f.documents}
                hint="PDF, PNG or JPEG, 5 MB each."
              >
                <input
                  id="f-documents"
                  name="documents"
                  type="file"
                  accept="application/pdf,image/png,image/jpeg"
                  multiple
                />
              </Field>
              <button type="submit" name="intent" value="documents">
                Upload
              </button>
            </Form>
          ) : null}
        </section>
      </div>
    </Shell>
  );
}
