import { AppError, type FieldIssue } from '@agora/contracts';
import type { Context } from 'hono';
import type { AppEnv } from './context.js';
import { CONTROL_MESSAGE, hasControlCharacters } from './middleware/control-characters.js';

export type FormValue = string | File;
export type FormFields = Record<string, FormValue | FormValue[]>;

/**
 * The fields of a multipart/form-data (or urlencoded) body, every repeated field as an array: the
 * one way the API reads forms. A body that is not a well-formed form is a 400 saying so (not the
 * parser's crash), one over the body limit the 413 of middleware/body-limit.ts, and a text field
 * or file name with a control character a 400 naming the field (see control-characters.ts).
 */
export async function readForm(c: Context): Promise<FormFields> {
  let form: FormFields;
  try {
    form = (await c.req.parseBody({ all: true })) as FormFields;
  } catch (e) {
    const exceeded = (c.var as Partial<AppEnv['Variables']>).bodyLimit?.exceeded;
    if (exceeded) throw exceeded;
    if (e instanceof AppError) throw e;
    throw new AppError(
      'bad_request',
      'The form could not be read: the body is not well-formed multipart/form-data (check the boundary ' +
        'in Content-Type and the parts). Send the form again.',
    );
  }
  const fields: FieldIssue[] = [];
  for (const [key, value] of Object.entries(form)) {
    const values = Array.isArray(value) ? value : [value];
    values.forEach((v, i) => {
      const text = typeof v === 'string' ? v : v.name;
      const path = values.length > 1 ? `${key}.${i}` : key;
      if (hasControlCharacters(key) || hasControlCharacters(text))
        fields.push({ path, message: CONTROL_MESSAGE });
    });
  }
  if (fields.length)
    throw new AppError('validation_failed', `Invalid form: check ${fields.map((f) => f.path).join(', ')}`, {
      fields,
    });
  return form;
}

/** The last value of a form field (what a plain `parseBody()` gives), or undefined. */
export const lastValue = (value: FormValue | FormValue[] | undefined): FormValue | undefined =>
  Array.isArray(value) ? value[value.length - 1] : value;
