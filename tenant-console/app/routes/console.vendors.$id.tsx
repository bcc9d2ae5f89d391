import { ApiError } from '@agora/api-client';
import { industryLabel } from '@agora/contracts';
import { statusLabel } from '@agora/contracts/labels';
import { apiErrorReply, okReply } from '@agora/ui/forms';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Csrf, DocumentList, Field, Notice, Shell, StatusBadge } from '../lib/ui.js';
import { DECISIONS, decisionsFor, isDecision } from '../lib/vendor-decisions.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.vendor.name ?? 'Vendor' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  try {
    const vendor = await api.operatorVendor(params.id ?? '');
    // Industries by label (zod, which the contracts index loads, stays on the server).
    return { user, vendor: { ...vendor, industries: vendor.industries.map(industryLabel) } };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new Response('No such vendor.', { status: 404 });
    throw e;
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
  const decision = String(form.get('decision'));
  if (!isDecision(decision)) throw new Response('Unknown decision', { status: 400 });
  const needs = DECISIONS[decision].needs;
  const text = String(form.get('text') ?? '').trim();
  try {
    const vendor = await api.decideVendor(params.id ?? '', decision, needs ? { [needs]: text } : {});
    const now = decision === 'verify' ? 'verified' : statusLabel(vendor.status, 'vendor');
    return okReply(`Done: ${vendor.name} is now ${now}.`);
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return apiErrorReply(e, null, 'decision');
    throw e;
  }
}

export default function VendorDetail() {
  const { user, vendor } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const available = decisionsFor(vendor);
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <p>
        <Link to="/console/vendors">← Vendors</Link>
      </p>
      <h1>
        {vendor.name} <StatusBadge status={vendor.status} of="vendor" />
      </h1>
      {result ? <Notice kind={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
      {vendor.statusReason ? <Notice kind="info">{vendor.statusReason}</Notice> : null}
      <div className="row">
        <section className="card">
          <h2>Business</h2>
          <dl>
            <dt>Legal name</dt>
            <dd>{vendor.legalName}</dd>
            <dt>Country</dt>
            <dd>{vendor.country}</dd>
            <dt>Tax / registration id</dt>
            <dd>{vendor.taxId}</dd>
            <dt>Contact</dt>
            <dd>
              {vendor.contactName} &lt;{vendor.contactEmail}&gt;
            </dd>
            <dt>Website</dt>
            <dd>{vendor.website ?? '—'}</dd>
            <dt>Industries</dt>
            <dd>{vendor.industries.join(', ')}</dd>
            <dt>Verified</dt>
            <dd data-testid="vendor-verified">
              {vendor.verified ? 'Yes: documents reviewed' : 'Not yet: documents not reviewed'}
            </dd>
          </dl>
          <p>{vendor.description}</p>
        </section>
        <section className="card">
          <h2>Documents</h2>
          <DocumentList documents={vendor.documents} />
          <h2>Decision</h2>
          {available.length === 0 ? (
            <p className="hint">No decision is open for a {vendor.status} vendor.</p>
          ) : null}
          {available.map((d) => (
            <Form method="post" key={d} className="decision">
              <Csrf />
              <input type="hidden" name="decision" value={d} />
              {DECISIONS[d].needs ? (
                <Field
                  id={`f-${d}-text`}
                  label={
                    DECISIONS[d].needs === 'message'
                      ? 'What is missing?'
                      : `Reason to ${DECISIONS[d].label.toLowerCase()} (sent to the vendor)`
                  }
                  name="text"
                  required
                />
              ) : null}
              <button type="submit" className={d === 'reject' || d === 'suspend' ? 'danger' : undefined}>
                {DECISIONS[d].label}
              </button>
            </Form>
          ))}
        </section>
      </div>
    </Shell>
  );
}
