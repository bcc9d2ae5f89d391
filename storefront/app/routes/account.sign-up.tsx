import { CompanySignUpBody } from '@agora/contracts';
import { TextField } from '@agora/ui/form-fields';
import { errorsOf, type FormReply, type FormValues, okReply, parseForm } from '@agora/ui/forms';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, redirect } from '@remix-run/server-runtime';
import { addressFrom, refusal, withCsrf } from '../account.server.js';
import { AddressFields, CompanyFields, Csrf, FormMessage } from '../components/account-forms.js';
import { AppLink } from '../components/app-link.js';
import { apiFor } from '../context.js';
import { optionalBuyer, sessionCookie, verifiedForm } from '../session.server.js';

export const meta: MetaFunction = () => [{ title: 'Create a business account' }];

const MAX_ADDRESSES = 10;

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await optionalBuyer(request, context)) throw redirect('/account');
  return withCsrf(request, {});
}

/** How many shipping address fieldsets the form shows (what was sent, or one). */
const addressCount = (values: FormValues) => {
  const n = Number(values.shippingCount);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_ADDRESSES) : 1;
};

/** The form's flat fields (named as the API's paths) as the API's body. */
function toBody(values: FormValues) {
  const text = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  return {
    legalName: text('legalName'),
    country: text('country'),
    taxId: text('taxId'),
    billingAddress: addressFrom(values, 'billingAddress.'),
    shippingAddresses: Array.from({ length: addressCount(values) }, (_, i) => ({
      label: text(`shippingAddresses.${i}.label`),
      address: addressFrom(values, `shippingAddresses.${i}.address.`),
    })),
    name: text('name'),
    email: text('email'),
    password: text('password'),
  };
}

type Reply = FormReply & { shippingCount: number; status?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await verifiedForm(request);
  // "Add another shipping address": the same form, one more address, nothing sent yet.
  if (form.get('intent') === 'add-address') {
    const values = Object.fromEntries(
      [...form.entries()].filter(([k, v]) => typeof v === 'string' && k !== 'password' && k !== 'csrf'),
    ) as FormValues;
    const shippingCount = Math.min(addressCount(values) + 1, MAX_ADDRESSES);
    return json<Reply>({ ...okReply('', values), ok: false, shippingCount });
  }
  const submission = parseForm(CompanySignUpBody, form, {
    what: 'business account',
    secret: ['password'],
    toInput: toBody,
  });
  const shippingCount = addressCount(submission.values);
  if (!submission.ok) return json<Reply>({ ...submission.reply, shippingCount }, { status: 400 });
  try {
    const result = await apiFor(context).signUpCompany(submission.value);
    return redirect(`/account?welcome=${result.status}`, {
      headers: { 'set-cookie': sessionCookie(result.token) },
    });
  } catch (e) {
    const res = refusal(e, submission.values, 'business account', true);
    const reply = (await res.json()) as FormReply;
    return json<Reply>({ ...reply, shippingCount }, { status: res.status });
  }
}

export default function SignUp() {
  const { csrf } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const values = (data?.values ?? {}) as FormValues;
  const f = data?.fields ?? {};
  const count = data?.shippingCount ?? 1;
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  return (
    <main className="page narrow-page">
      <h1>Create a business account</h1>
      <p>
        Buy for your company: one account for your team, with its own roles and spending limits. Already have
        one? <AppLink to="/account/sign-in">Sign in</AppLink>.
      </p>
      <FormMessage reply={data} />
      <Form method="post" className="stack" data-testid="sign-up-form">
        <Csrf token={csrf} />
        <input type="hidden" name="shippingCount" value={count} />
        <h2>Your company</h2>
        <CompanyFields values={values} errors={f} />
        <h2>Shipping addresses</h2>
        <FieldErrorsFor errors={f.shippingAddresses} />
        {Array.from({ length: count }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the fieldsets are positions in the form
          <div key={i}>
            <TextField
              name={`shippingAddresses.${i}.label`}
              label={`Shipping address ${i + 1}: name`}
              hint="For example: Main warehouse"
              required
              defaultValue={v(`shippingAddresses.${i}.label`)}
              errors={errorsOf(f, `shippingAddresses.${i}.label`)}
            />
            <AddressFields prefix={`shippingAddresses.${i}.address.`} values={values} errors={f} />
          </div>
        ))}
        {count < MAX_ADDRESSES ? (
          <button type="submit" name="intent" value="add-address" className="button secondary" formNoValidate>
            Add another shipping address
          </button>
        ) : null}
        <h2>You</h2>
        <TextField
          name="name"
          label="Your name"
          required
          defaultValue={v('name')}
          errors={errorsOf(f, 'name')}
          autoComplete="name"
        />
        <TextField
          name="email"
          label="Work email (your sign-in)"
          type="email"
          required
          defaultValue={v('email')}
          errors={errorsOf(f, 'email')}
          autoComplete="email"
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          required
          hint="At least 10 characters."
          errors={errorsOf(f, 'password')}
          autoComplete="new-password"
        />
        <button type="submit" name="intent" value="sign-up" className="button" disabled={busy}>
          {busy ? 'Creating…' : 'Create the account'}
        </button>
      </Form>
    </main>
  );
}

function FieldErrorsFor({ errors }: { errors?: string[] }) {
  return errors?.length ? (
    <p className="notice-error" role="alert" data-testid="errors-shippingAddresses">
      {errors.join(' ')}
    </p>
  ) : null;
}
