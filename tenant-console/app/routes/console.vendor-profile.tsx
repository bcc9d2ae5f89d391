import { ApiError, type Vendor } from '@agora/api-client';
import { industryOptions, UpdateVendorProfileBody } from '@agora/contracts';
import { VendorDetailsFields } from '@agora/ui/form-fields';
import {
  apiErrorReply,
  errorsOf,
  type FormReply,
  type FormValues,
  issuesReply,
  okReply,
  parseForm,
} from '@agora/ui/forms';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Csrf, DocumentList, Field, Notice, Shell, StatusBadge } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Vendor profile' }];

/** Approved vendors cannot change these (the API answers 409). */
const LOCKED_WHEN_APPROVED = ['legalName', 'taxId', 'country'];

const valuesOf = (vendor: Vendor): FormValues => ({
  businessName: vendor.name,
  legalName: vendor.legalName,
  country: vendor.country,
  taxId: vendor.taxId,
  contactName: vendor.contactName,
  contactEmail: vendor.contactEmail,
  website: vendor.website ?? '',
  description: vendor.description,
  industries: vendor.industries,
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  // The labelled choices come from the loader: @agora/contracts (zod) stays out of the browser.
  return { user, vendor: await api.vendorProfile(), industries: industryOptions() };
}

export async function action({ request, context }: ActionFunctionArgs): Promise<FormReply> {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
  if (form.get('intent') === 'documents') {
    const files = form.getAll('documents').filter((f): f is File => f instanceof File && f.size > 0);
    if (files.length === 0)
      return issuesReply([{ path: 'documents', message: 'choose a file' }], null, 'upload');
    const upload = new FormData();
    for (const file of files) upload.append('documents', file, file.name);
    try {
      await api.addVendorDocuments(upload);
    } catch (e) {
      if (e instanceof ApiError && e.status < 500) return apiErrorReply(e, null, 'upload');
      throw e;
    }
    return okReply(`Uploaded ${files.map((f) => f.name).join(', ')}.`);
  }
  // The API's own body schema: the form checks what the API checks, in the same words.
  const submission = parseForm(UpdateVendorProfileBody, form, { what: 'profile', arrays: ['industries'] });
  if (!submission.ok) return submission.reply;
  try {
    const before = await api.vendorProfile();
    const saved = await api.updateVendorProfile({
      ...submission.value,
      website: submission.value.website ?? null,
    });
    return okReply(
      before.status === 'info_requested'
        ? 'Saved and resubmitted: the marketplace will review your application again.'
        : 'Profile saved.',
      valuesOf(saved),
    );
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return apiErrorReply(e, submission.values, 'profile');
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
  const locked = (name: string) =>
    !editable || (vendor.status === 'approved' && LOCKED_WHEN_APPROVED.includes(name));
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>
        {vendor.name} <StatusBadge status={vendor.status} of="vendor" />
      </h1>
      {result?.message ? <Notice kind={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
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
            <VendorDetailsFields
              values={initial}
              errors={result?.fields}
              industries={industries}
              locked={locked}
              contactEmail={{
                label: 'Contact email',
                hint: 'Where decisions are emailed; not your sign-in.',
              }}
              hints={{
                legalName: vendor.status === 'approved' ? 'Cannot change after approval.' : undefined,
              }}
            />
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
                error={errorsOf(result?.fields, 'documents')}
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
