import { ApiError } from '@agora/api-client';
import { CreateTenantBody } from '@agora/contracts';
import { apiErrorReply, parseForm } from '@agora/ui/forms';
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { staffNav } from '../lib/nav.js';
import { requireStaff, verifiedForm } from '../lib/session.server.js';
import { Csrf, Field, Notice, Shell } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'New tenant · Agora' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context);
  return { staff };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireStaff(request, context);
  const form = await verifiedForm(request);
  const submission = parseForm(CreateTenantBody, form, { what: 'tenant' });
  if (!submission.ok) return submission.reply;
  try {
    const tenant = await api.createTenant(submission.value);
    return redirect(`/tenants/${tenant.id}`);
  } catch (e) {
    // A taken slug: the API's sentence says which and what to do; the field says it too.
    if (e instanceof ApiError && e.status < 500)
      return apiErrorReply(e, submission.values, 'tenant', { keepMessage: true });
    throw e;
  }
}

export default function NewTenant() {
  const { staff } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const typed = (name: string) => {
    const v = data?.values?.[name];
    return typeof v === 'string' ? v : undefined;
  };
  const busy = useNavigation().state === 'submitting';
  return (
    <Shell nav={staffNav} user={staff.email}>
      <h1>New tenant</h1>
      <div className="card">
        {data?.message ? <Notice kind="error">{data.message}</Notice> : null}
        <Form method="post">
          <Csrf />
          <Field
            label="Marketplace name"
            name="name"
            required
            defaultValue={typed('name')}
            error={data?.fields?.name}
          />
          <Field
            label="Slug"
            name="slug"
            required
            defaultValue={typed('slug')}
            error={data?.fields?.slug}
            hint="Lowercase letters, digits and hyphens (3-40). The marketplace gets <slug>.<base domain>."
          />
          <Field
            label="Owner email"
            name="ownerEmail"
            type="email"
            required
            defaultValue={typed('ownerEmail')}
            error={data?.fields?.ownerEmail}
            hint="The owner receives an invitation to set a password."
          />
          <button type="submit" disabled={busy}>
            {busy ? 'Creating…' : 'Create tenant'}
          </button>
        </Form>
      </div>
    </Shell>
  );
}
