import { ShippingAddressBody } from '@agora/contracts';
import { TextField } from '@agora/ui/form-fields';
import { errorsOf, type FormReply, type FormValues, okReply, parseForm } from '@agora/ui/forms';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, redirect } from '@remix-run/server-runtime';
import { addressFrom, refusal } from '../account.server.js';
import { AddressFields, FormMessage, SessionCsrf } from '../components/account-forms.js';
import { AccountNav, CompanyStatusNote } from '../components/account-nav.js';
import { AppLink } from '../components/app-link.js';
import { requireBuyer, verifiedForm } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Shipping addresses' }];

async function requireAdmin(request: Request, context: LoaderFunctionArgs['context']) {
  const buyer = await requireBuyer(request, context);
  if (buyer.user.role !== 'buyer_admin')
    throw new Response('Only an administrator of your company can change its addresses.', { status: 403 });
  return buyer;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, api } = await requireAdmin(request, context);
  return json(
    { user, company: await api.ownCompany() },
    { headers: { 'cache-control': 'private, no-store' } },
  );
}

const toBody = (values: FormValues) => ({ label: values.label, address: addressFrom(values, 'address.') });
type Reply = FormReply & { addressId: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireAdmin(request, context);
  const form = await verifiedForm(request);
  const addressId = typeof form.get('addressId') === 'string' ? (form.get('addressId') as string) : '';
  const intent = form.get('intent');
  try {
    if (intent === 'remove') {
      await api.removeShippingAddress(addressId);
      return redirect('/account/addresses?removed=1');
    }
    const submission = parseForm(ShippingAddressBody, form, { what: 'address', toInput: toBody });
    if (!submission.ok) return json<Reply>({ ...submission.reply, addressId }, { status: 400 });
    try {
      if (addressId) await api.updateShippingAddress(addressId, submission.value);
      else await api.addShippingAddress(submission.value);
    } catch (e) {
      const res = refusal(e, submission.values, 'address', true);
      return json<Reply>({ ...((await res.json()) as FormReply), addressId }, { status: res.status });
    }
    return redirect('/account/addresses?saved=1');
  } catch (e) {
    const res = refusal(e, {}, 'address', true);
    return json<Reply>({ ...((await res.json()) as FormReply), addressId }, { status: res.status });
  }
}

export default function Addresses() {
  const { user, company } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const newReply = data && !data.addressId ? data : null;
  return (
    <main className="page narrow-page">
      <h1>Shipping addresses</h1>
      <AccountNav user={user} />
      <CompanyStatusNote user={user} />
      {params.get('saved') ? <FormMessage reply={okReply('The address is saved.')} /> : null}
      {params.get('removed') ? <FormMessage reply={okReply('The address was removed.')} /> : null}
      <p>
        The billing address is part of the <AppLink to="/account/company">company details</AppLink>.
      </p>
      <ul className="account-list">
        {company.shippingAddresses.map((a) => {
          const reply = data?.addressId === a.id ? data : null;
          const values = (reply?.values ?? {
            label: a.label,
            ...Object.fromEntries(Object.entries(a.address).map(([k, v]) => [`address.${k}`, v])),
          }) as FormValues;
          return (
            <li key={a.id} className="card" data-testid={`address-${a.label}`}>
              <FormMessage reply={reply} />
              <Form method="post" className="stack">
                <SessionCsrf />
                <input type="hidden" name="addressId" value={a.id} />
                <TextField
                  name="label"
                  label="Name"
                  required
                  defaultValue={typeof values.label === 'string' ? values.label : ''}
                  errors={errorsOf(reply?.fields, 'label')}
                />
                <AddressFields prefix="address." values={values} errors={reply?.fields} />
                <div className="actions">
                  <button type="submit" name="intent" value="save" className="button secondary">
                    Save
                  </button>{' '}
                  <button type="submit" name="intent" value="remove" className="button danger" formNoValidate>
                    Remove
                  </button>
                </div>
              </Form>
            </li>
          );
        })}
      </ul>
      <h2>Add a shipping address</h2>
      <FormMessage reply={newReply} />
      <Form method="post" className="stack" data-testid="add-address">
        <SessionCsrf />
        <TextField
          name="label"
          label="Name"
          required
          hint="For example: Main warehouse"
          defaultValue={typeof newReply?.values?.label === 'string' ? newReply.values.label : undefined}
          errors={errorsOf(newReply?.fields, 'label')}
        />
        <AddressFields prefix="address." values={newReply?.values} errors={newReply?.fields} />
        <button type="submit" name="intent" value="add" className="button">
          Add the address
        </button>
      </Form>
    </main>
  );
}
