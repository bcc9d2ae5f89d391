import type { ReactNode } from 'react';
import { errorsOf, type FieldErrorMap, type FormValues } from './forms.js';

/**
 * A field's errors under its input, one per line, in both apps. `id` is what the input's
 * `aria-describedby` names (`f-<name>-error`); `name` gives the `data-testid` (`errors-<name>`).
 */
export function FieldErrors({
  id,
  name,
  errors,
}: {
  id?: string;
  name: string;
  errors?: string[] | string | null;
}) {
  const list = errors == null ? [] : Array.isArray(errors) ? errors : [errors];
  if (!list.length) return null;
  return (
    <ul
      id={id ?? `f-${name}-error`}
      className="error field-errors"
      role="alert"
      data-testid={`errors-${name}`}
    >
      {list.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

/** One labelled input (or textarea) with its hint and errors; ids `f-<name>`. */
export function TextField(props: {
  name: string;
  label: string;
  type?: string;
  required?: boolean;
  readOnly?: boolean;
  hint?: string;
  defaultValue?: string;
  errors?: string[];
  autoComplete?: string;
}) {
  const id = `f-${props.name}`;
  const invalid = Boolean(props.errors?.length);
  const common = {
    required: props.required,
    readOnly: props.readOnly,
    'aria-invalid': invalid ? true : undefined,
    'aria-describedby': invalid ? `${id}-error` : undefined,
  };
  return (
    <div className={`field${invalid ? ' has-error' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.type === 'textarea' ? (
        <textarea id={id} name={props.name} {...common} rows={5} defaultValue={props.defaultValue} />
      ) : (
        <input
          id={id}
          name={props.name}
          type={props.type ?? 'text'}
          {...common}
          defaultValue={props.defaultValue}
          autoComplete={props.autoComplete}
        />
      )}
      {props.hint ? <small className="hint">{props.hint}</small> : null}
      <FieldErrors id={`${id}-error`} name={props.name} errors={props.errors} />
    </div>
  );
}

/** The vendor details both apps ask for, in the names of the API's vendor bodies (contracts). */
export const VENDOR_DETAIL_FIELDS = [
  'businessName',
  'legalName',
  'country',
  'taxId',
  'contactName',
  'contactEmail',
  'website',
  'industries',
  'description',
] as const;

/**
 * The vendor details form's fields: one component for the storefront's `/sell` application and
 * the console's vendor profile. `values` fills them (what was typed after a refusal, or the
 * saved profile); `errors` is the form reply's field errors; `locked` makes a field read-only
 * (an approved vendor's legal name, tax id and country); `afterContact` goes after the contact
 * email (the application's password).
 */
export function VendorDetailsFields(props: {
  values: FormValues;
  errors?: FieldErrorMap;
  industries: { value: string; label: string }[];
  locked?: (name: (typeof VENDOR_DETAIL_FIELDS)[number]) => boolean;
  required?: boolean;
  contactEmail: { label: string; hint?: string };
  hints?: Partial<Record<(typeof VENDOR_DETAIL_FIELDS)[number], string>>;
  afterContact?: ReactNode;
}) {
  const text = (name: Exclude<(typeof VENDOR_DETAIL_FIELDS)[number], 'industries'>) => {
    const v = props.values[name];
    return typeof v === 'string' ? v : '';
  };
  const field = (
    name: Exclude<(typeof VENDOR_DETAIL_FIELDS)[number], 'industries'>,
    label: string,
    extra: { type?: string; required?: boolean; hint?: string } = {},
  ) => (
    <TextField
      name={name}
      label={label}
      type={extra.type}
      required={extra.required ?? props.required}
      readOnly={props.locked?.(name)}
      hint={extra.hint ?? props.hints?.[name]}
      defaultValue={text(name)}
      errors={errorsOf(props.errors, name)}
    />
  );
  const checked = new Set(
    Array.isArray(props.values.industries) ? props.values.industries : [props.values.industries ?? ''],
  );
  const industryErrors = errorsOf(props.errors, 'industries');
  return (
    <>
      {field('businessName', 'Business name')}
      {field('legalName', 'Legal name')}
      {field('country', 'Country (ISO code, e.g. DE)')}
      {field('taxId', 'Tax or registration id')}
      {field('contactName', 'Contact person')}
      {field('contactEmail', props.contactEmail.label, { type: 'email', hint: props.contactEmail.hint })}
      {props.afterContact}
      {field('website', 'Website', { type: 'url', required: false })}
      <fieldset className={`field${industryErrors.length ? ' has-error' : ''}`}>
        <legend>Industries</legend>
        <div className="checkbox-group">
          {props.industries.map((i) => (
            <label key={i.value}>
              <input
                type="checkbox"
                name="industries"
                value={i.value}
                defaultChecked={checked.has(i.value)}
                disabled={props.locked?.('industries')}
              />{' '}
              {i.label}
            </label>
          ))}
        </div>
        <small className="hint">Choose every industry you sell to.</small>
        <FieldErrors name="industries" errors={industryErrors} />
      </fieldset>
      {field('description', 'What you sell', { type: 'textarea' })}
    </>
  );
}
