import { ApiError } from '@agora/api-client';
import { StatusChangeBody } from '@agora/contracts';
import { apiErrorReply, parseForm } from '@agora/ui/forms';
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { staffNav } from '../lib/nav.js';
import { requireStaff, verifiedForm } from '../lib/session.server.js';
import { Csrf, Field, Notice, Shell } from '../lib/ui.js';

/** Confirmation page for suspend / resume: works without JavaScript, nothing happens on GET. */
const CHANGES = {
  suspend: {
    title: 'Suspend',
    explain:
      'Its storefront and API stop answering (buyers see "unavailable") until you resume it. No data is deleted.',
  },
  resume: { title: 'Resume', explain: 'Its storefront and API answer again at once.' },
} as const;

type Change = keyof typeof CHANGES;
const changeOf = (value: string | undefined): Change => {
  if (value === 'suspend' || value === 'resume') return value;
  throw new Response('Not found', { status: 404 });
};

export const meta: MetaFunction = () => [{ title: 'Confirm · Agora' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const change = changeOf(params.change);
  const { api, staff } = await requireStaff(request, context);
  return { staff, change, tenant: await api.getTenant(params.id ?? '') };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const change = changeOf(params.change);
  const { api } = await requireStaff(request, context);
  const form = await verifiedForm(request);
  const id = params.id ?? '';
  const submission = parseForm(StatusChangeBody, form, {
    what: 'reason',
    toInput: (v) => ({ reason: typeof v.reason === 'string' && v.reason.trim() ? v.reason : undefined }),
  });
  if (!submission.ok) return submission.reply;
  try {
    if (change === 'suspend') await api.suspendTenant(id, submission.value.reason);
    else await api.resumeTenant(id);
  } catch (e) {
    if (e instanceof ApiError && e.status < 500)
      return apiErrorReply(e, submission.values, 'tenant', { keepMessage: true });
    throw e;
  }
  return redirect(`/tenants/${id}`);
}

export default function ConfirmChange() {
  const { staff, change, tenant } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const typed = data?.values?.reason;
  const c = CHANGES[change];
  return (
    <Shell nav={staffNav} user={staff.email}>
      <div className="card">
        <h1>
          {c.title} {tenant.name}?
        </h1>
        <p>{c.explain}</p>
        {data?.message ? <Notice kind="error">{data.message}</Notice> : null}
        <Form method="post">
          <Csrf />
          {change === 'suspend' ? (
            <Field
              label="Reason (kept in the audit log)"
              name="reason"
              defaultValue={typeof typed === 'string' ? typed : undefined}
              error={data?.fields?.reason}
            />
          ) : null}
          <button type="submit" className={change === 'suspend' ? 'danger' : undefined}>
            {c.title} {tenant.name}
          </button>{' '}
          <Link to={`/tenants/${tenant.id}`}>Cancel</Link>
        </Form>
      </div>
    </Shell>
  );
}
