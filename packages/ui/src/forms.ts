import { checkFieldsMessage, fieldLabel } from '@agora/contracts/labels';

/**
 * One way to handle a form in both apps (storefront and console), on the server:
 *
 *   const submission = parseForm(UpdateThingBody, form, { what: 'settings', arrays: ['industries'] });
 *   if (!submission.ok) return json(submission.reply, { status: 400 });
 *   try { await api.update(submission.value) } catch (e) { return apiErrorReply(e, submission.values, 'settings') }
 *
 * Schemas are the API's body schemas from @agora/contracts (or derived from them with zod's
 * `pick`/`extend` where a form names a field differently), so a form checks what the API will
 * check, in the same words. Every action answers with one shape, `FormReply`, whose field
 * errors `<FieldErrors>` (./form-fields.tsx) shows under each input.
 */

/** A field's errors by path (`name`, `tiers.1.minQty`): the API's `details.fields`, grouped. */
export type FieldErrorMap = Record<string, string[]>;

/** What every form action answers (`V`: the shape of what is given back). */
export type FormReply<V extends FormValues = FormValues> = {
  ok: boolean;
  /** One sentence for the top of the form (empty when there is nothing to say). */
  message: string;
  fields: FieldErrorMap;
  /** What was typed, to fill the form again after a refusal (never passwords or files). */
  values: V | null;
};

export type FormValues = Record<string, string | string[]>;

export type Submission<T> =
  | { ok: true; value: T; values: FormValues }
  | { ok: false; reply: FormReply; values: FormValues };

/** The part of a zod schema parseForm uses (structural, so this package does not load zod). */
export type FormSchema<T> = {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
};

export type ParseOptions = {
  /** What the form is about, for the message ("Please check the product: ..."). */
  what?: string;
  /** Fields that may repeat (checkboxes, multi-selects): always arrays. */
  arrays?: string[];
  /** Never given back (passwords). */
  secret?: string[];
  /** Shape the typed values into the API's body before checking (numbers, nulls, renames). */
  toInput?: (values: FormValues) => unknown;
};

/** The form's text values (files left out); `arrays` fields as arrays, others as their last value. */
export function formValues(form: FormData, arrays: string[] = []): FormValues {
  const values: FormValues = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string' || name === 'csrf') continue;
    if (arrays.includes(name)) values[name] = [...((values[name] as string[] | undefined) ?? []), value];
    else values[name] = value;
  }
  for (const name of arrays) values[name] ??= [];
  return values;
}

const withoutSecrets = (values: FormValues, secret: string[] = []) =>
  Object.fromEntries(Object.entries(values).filter(([k]) => !secret.includes(k)));

/** Issues (path, message) as a reply: grouped by path, with one sentence naming the fields. */
export function issuesReply<V extends FormValues>(
  issues: { path: string; message: string }[],
  values: V | null,
  what = 'form',
): FormReply<V> {
  const fields: FieldErrorMap = {};
  for (const { path, message } of issues) fields[path] = [...(fields[path] ?? []), message];
  return { ok: false, message: checkFieldsMessage(what, Object.keys(fields)), fields, values };
}

/** Parse a submitted form with a schema: the typed value, or the reply that shows what to fix. */
export function parseForm<T>(
  schema: FormSchema<T>,
  form: FormData,
  options: ParseOptions = {},
): Submission<T> {
  const values = formValues(form, options.arrays);
  const kept = withoutSecrets(values, options.secret);
  const result = schema.safeParse(options.toInput ? options.toInput(values) : values);
  if (result.success) return { ok: true, value: result.data, values: kept };
  const issues = result.error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(body)',
    message: i.message,
  }));
  return { ok: false, reply: issuesReply(issues, kept, options.what), values: kept };
}

/**
 * The API's refusal (an ApiError: status, message, `details.fields`) as the same reply.
 * `keepMessage`: the API's own sentence stays the message even when it names fields (a taken
 * slug, an expired link), where it says more than the list of fields.
 */
export function apiErrorReply<V extends FormValues>(
  error: { message: string; details?: { fields?: { path: string; message: string }[] } },
  values: V | null,
  what = 'form',
  options: { keepMessage?: boolean } = {},
): FormReply<V> {
  const issues = error.details?.fields ?? [];
  if (!issues.length) return { ok: false, message: error.message, fields: {}, values };
  const reply = issuesReply(issues, values, what);
  return options.keepMessage ? { ...reply, message: error.message } : reply;
}

/** An uploaded file of a form: the non-empty file under `name`, or null (none chosen, or empty). */
export function formFile(form: FormData, name: string): File | null {
  const value = form.get(name);
  return value !== null && typeof value !== 'string' && value.size > 0 ? value : null;
}

/**
 * A form's required file, or the reply that says to choose one: `message` at the top, `field`
 * under the file input (a missing or empty file is a field error like any other).
 */
export function requireFile<V extends FormValues>(
  form: FormData,
  name: string,
  text: { message: string; field: string },
  values: V | null = null,
): { ok: true; file: File } | { ok: false; reply: FormReply<V> } {
  const file = formFile(form, name);
  if (file) return { ok: true, file };
  return { ok: false, reply: { ok: false, message: text.message, fields: { [name]: [text.field] }, values } };
}

/** A success reply. */
export const okReply = <V extends FormValues>(message: string, values: V | null = null): FormReply<V> => ({
  ok: true,
  message,
  fields: {},
  values,
});

/**
 * The errors to show under one input: those of its own path, and those of paths inside it
 * (`industries.2` under `industries`), each of those named ("industry 3: ...").
 */
export function errorsOf(fields: FieldErrorMap | undefined, name: string): string[] {
  if (!fields) return [];
  const own = fields[name] ?? [];
  const inside = Object.entries(fields)
    .filter(([path]) => path.startsWith(`${name}.`))
    .flatMap(([path, messages]) => messages.map((m) => `${fieldLabel(path)}: ${m}`));
  return [...own, ...inside];
}
