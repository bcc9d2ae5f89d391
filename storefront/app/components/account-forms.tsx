import type { Address } from '@agora/api-client';
import { TextField } from '@agora/ui/form-fields';
import { errorsOf, type FieldErrorMap } from '@agora/ui/forms';
import { useRouteLoaderData } from '@remix-run/react';
import type { loader as rootLoader } from '../root.js';

/** The hidden CSRF field every form posts (checked by verifiedForm). */
export const Csrf = ({ token }: { token: string | null }) => (
  <input type="hidden" name="csrf" value={token ?? ''} />
);

/** The CSRF field of a signed-in page's form (the root loader gives signed-in pages the token). */
export function SessionCsrf() {
  return <Csrf token={useRouteLoaderData<typeof rootLoader>('root')?.csrf ?? null} />;
}

/** A form's refusal sentence or its success, on top of the form. */
export function FormMessage({ reply }: { reply?: { ok: boolean; message: string } | null }) {
  if (!reply?.message) return null;
  return (
    <p className={reply.ok ? 'notice-success' : 'notice-error'} role={reply.ok ? 'status' : 'alert'}>
      {reply.message}
    </p>
  );
}

/**
 * The fields of a postal address, named `<prefix>line1` ... as the API's paths, so the API's
 * field errors (`billingAddress.city`) land under their input.
 */
export function AddressFields({
  prefix,
  values,
  errors,
  legend,
}: {
  prefix: string;
  values?: Partial<Record<keyof Address, string>> | Record<string, unknown> | null;
  errors?: FieldErrorMap;
  legend?: string;
}) {
  const value = (k: string) => {
    const v =
      (values as Record<string, unknown> | null | undefined)?.[`${prefix}${k}`] ??
      (values as Record<string, unknown> | null | undefined)?.[k];
    return typeof v === 'string' ? v : undefined;
  };
  const field = (k: keyof Address, label: string, required = true, autoComplete?: string) => (
    <TextField
      name={`${prefix}${k}`}
      label={label}
      required={required}
      defaultValue={value(k)}
      errors={errorsOf(errors, `${prefix}${k}`)}
      autoComplete={autoComplete}
    />
  );
  return (
    <fieldset className="address-fields">
      {legend ? <legend>{legend}</legend> : null}
      {field('line1', 'Street and number', true, 'address-line1')}
      {field('line2', 'Address line 2 (optional)', false, 'address-line2')}
      <div className="field-row">
        {field('postalCode', 'Postal code', true, 'postal-code')}
        {field('city', 'City', true, 'address-level2')}
      </div>
      {field('region', 'Region or state (optional)', false, 'address-level1')}
      {field('country', 'Country (ISO code, e.g. DE)', true, 'country')}
    </fieldset>
  );
}

/**
 * A buyer company's identity as the API names it: legal name, country, tax id and billing
 * address (sign-up, and the company page an admin edits).
 */
export function CompanyFields({
  values,
  errors,
}: {
  values: Record<string, unknown>;
  errors: FieldErrorMap;
}) {
  const value = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  return (
    <>
      <TextField
        name="legalName"
        label="Legal name"
        required
        defaultValue={value('legalName')}
        errors={errorsOf(errors, 'legalName')}
        autoComplete="organization"
      />
      <TextField
        name="country"
        label="Country (ISO code, e.g. DE)"
        required
        defaultValue={value('country')}
        errors={errorsOf(errors, 'country')}
      />
      <TextField
        name="taxId"
        label="Tax id (VAT number)"
        required
        defaultValue={value('taxId')}
        errors={errorsOf(errors, 'taxId')}
      />
      <AddressFields prefix="billingAddress." legend="Billing address" values={values} errors={errors} />
    </>
  );
}

/** An address on one line. */
export const addressLine = (a: Address) =>
  [a.line1, a.line2, `${a.postalCode} ${a.city}`.trim(), a.region, a.country].filter(Boolean).join(', ');
