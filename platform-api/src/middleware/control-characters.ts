import { AppError, type FieldIssue } from '@agora/contracts';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { errorPage } from '../pages.js';

/**
 * Control characters (other than tab, newline and carriage return) have no business in an id, an
 * address or a text field, and PostgreSQL refuses NUL outright: left alone they turn into 500s.
 * They are refused at the edge, in one place for each kind of input:
 *   - the path and query of every request (`rejectControlCharacters`, app-wide): a path that
 *     holds one names nothing (404), a query parameter that holds one is a 400 naming it;
 *   - JSON bodies of the APIs, after parsing (`controlCharacterIssues`, from createApi's hook);
 *   - form fields and file names (`readForm`).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is matched
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const hasControlCharacters = (s: string) => CONTROL.test(s);
export const CONTROL_MESSAGE = 'must not contain control characters';

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export const rejectControlCharacters = createMiddleware<AppEnv>(async (c, next) => {
  // A URL holds control characters only percent-encoded (parsers encode or refuse raw ones):
  // most requests have no `%` at all and cost nothing here.
  if (!c.req.url.includes('%')) return next();
  const url = new URL(c.req.url);
  if (hasControlCharacters(url.pathname.split('/').map(decodeSegment).join('/')))
    return errorPage(c, 404, 'not_found', 'Page not found', 'There is nothing at this address.');
  const fields: FieldIssue[] = [];
  for (const [key, values] of Object.entries(c.req.queries())) {
    if (hasControlCharacters(key) || values.some(hasControlCharacters))
      fields.push({ path: hasControlCharacters(key) ? '(query)' : key, message: CONTROL_MESSAGE });
  }
  if (fields.length) {
    const message = `Invalid query: check ${[...new Set(fields.map((f) => f.path))].join(', ')}`;
    if (!c.req.header('accept')?.includes('text/html') || /^\/(api|platform)\//.test(c.req.path))
      throw new AppError('validation_failed', message, { fields });
    return errorPage(
      c,
      400,
      'validation_failed',
      'Address not understood',
      'This address contains characters that are not allowed. Check the link and try again.',
    );
  }
  await next();
});

/** Every string (and object key) under `value` with a control character, by field path. */
export function controlCharacterIssues(value: unknown, path: (string | number)[] = []): FieldIssue[] {
  const at = (p: (string | number)[]) => p.join('.') || '(body)';
  if (typeof value === 'string')
    return hasControlCharacters(value) ? [{ path: at(path), message: CONTROL_MESSAGE }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => controlCharacterIssues(v, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      hasControlCharacters(k)
        ? [{ path: at([...path, '(key)']), message: CONTROL_MESSAGE }]
        : controlCharacterIssues(v, [...path, k]),
    );
  }
  return [];
}
