import { ApiError } from '@agora/api-client';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Csrf, Field, Notice, Shell, StatusBadge } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Vendor team' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const team = await api.vendorTeam();
  return { user, members: team.data };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
  try {
    if (form.get('intent') === 'remove') {
      await api.removeVendorStaff(String(form.get('id') ?? ''));
      return {
        ok: true,
        message: `${form.get('email')} no longer has access.`,
        fields: {} as Record<string, string>,
      };
    }
    const email = String(form.get('email') ?? '');
    await api.inviteVendorStaff(email);
    return { ok: true, message: `Invitation sent to ${email}.`, fields: {} as Record<string, string> };
  } catch (e) {
    if (e instanceof ApiError && e.status < 500)
      return { ok: false, message: e.message, fields: e.fieldErrors };
    throw e;
  }
}

export default function VendorTeam() {
  const { user, members } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const isAdmin = user.role === 'vendor_admin';
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>Team</h1>
      {result ? <Notice kind={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
      {isAdmin ? (
        <section className="card">
          <h2>Invite a colleague</h2>
          <Form method="post" className="toolbar">
            <Csrf />
            <Field label="Email" name="email" type="email" required error={result?.fields.email} />
            <button type="submit" name="intent" value="invite">
              Send invitation
            </button>
          </Form>
        </section>
      ) : null}
      <table>
        <thead>
          <tr>
            <th>Email</th>
            <th>Name</th>
            <th>Role</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <td>{m.email}</td>
              <td>{m.name}</td>
              <td>{m.role === 'vendor_admin' ? 'admin' : 'staff'}</td>
              <td>
                <StatusBadge status={m.status} />
              </td>
              <td>
                {isAdmin && m.role !== 'vendor_admin' && m.id !== user.id ? (
                  <Form
                    method="post"
                    onSubmit={(e) => !confirm(`Remove ${m.email} from the team?`) && e.preventDefault()}
                  >
                    <Csrf />
                    <input type="hidden" name="id" value={m.id} />
                    <input type="hidden" name="email" value={m.email} />
                    <button type="submit" name="intent" value="remove" className="danger">
                      Remove
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Shell>
  );
}
