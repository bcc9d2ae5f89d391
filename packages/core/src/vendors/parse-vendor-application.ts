import { AppError, type FieldIssue, VendorApplication } from '@agora/contracts';
import { type CheckedDocument, checkVendorDocuments, type DocumentUpload } from './vendor-documents.js';

export type ParsedVendorApplication = { application: VendorApplication; documents: CheckedDocument[] };

/** Industries as a form sends them: repeated fields, a comma-separated list, or both. */
export function formList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = (Array.isArray(value) ? value : [value])
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return items;
}

/**
 * Validate a vendor application completely before anything is stored: the form fields and the
 * documents (count, size, type from the bytes). Every problem is reported at once in one 400
 * `validation_failed`, each naming its field.
 */
export function parseVendorApplication(
  fields: Record<string, unknown>,
  uploads: DocumentUpload[],
): ParsedVendorApplication {
  const form = { ...fields, industries: formList(fields.industries) };
  const parsed = VendorApplication.safeParse(form);
  const issues: FieldIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  const checked = checkVendorDocuments(uploads, { min: 1 });
  issues.push(...checked.issues);
  if (!parsed.success || issues.length) {
    const names = [...new Set(issues.map((f) => f.path.split('.')[0]))].join(', ');
    throw new AppError('validation_failed', `Invalid application: check ${names}`, { fields: issues });
  }
  return { application: parsed.data, documents: checked.documents };
}
