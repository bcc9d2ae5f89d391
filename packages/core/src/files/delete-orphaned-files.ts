import { OUTBOX_EVENTS } from '@agora/contracts';
import { type Database, platformTables as p, type TenantTx, withTenant } from '@agora/db';
import { type FileStorage, isValidFileKey } from '@agora/files';
import type { fileDeleteJob, JobPayload } from '@agora/queue';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { LOGO_URL_PATH, logoKey } from '../branding/logo.js';
import { PermanentJobError } from '../permanent-job-error.js';
import { lockFileKey } from './orphaned-files.js';

export type FileDeleteOutcome = { deleted: string[]; kept: string[] };

/**
 * Whether anything in the tenant still uses a stored file: a product image, a vendor document, a
 * CSV import, or the logo in the theme. Checks every kind whatever the key looks like, so an event
 * naming the wrong file can never delete one in use.
 */
export async function isFileReferenced(tx: TenantTx, key: string): Promise<boolean> {
  const { productImages, vendorDocuments, catalogImports, settings } = tx.t;
  const logoDir = logoKey(tx.tenant.id, '');
  const logoUrl = key.startsWith(logoDir) ? `${LOGO_URL_PATH}${key.slice(logoDir.length)}` : '';
  const result = await tx.db.execute<{ used: boolean }>(sql`select
    exists (select 1 from ${productImages} where file_key = ${key})
    or exists (select 1 from ${vendorDocuments} where file_key = ${key})
    or exists (select 1 from ${catalogImports} where file_key = ${key})
    or exists (select 1 from ${settings} where theme->>'logoUrl' = ${logoUrl}) as used`);
  return result.rows[0]?.used === true;
}

/**
 * The `files.delete.v1` job: delete the files of a `file.orphaned` event that nothing references
 * now. Each key is checked and deleted under its lock (see `lockFileKey`), so a file referenced
 * again meanwhile (the same logo uploaded again, the same image added to another product) is
 * kept. Only keys under the event's own tenant are considered. Deleting a missing file is not an
 * error, so a retried or repeated job has no further effect.
 */
export async function deleteOrphanedFiles(
  deps: { database: Database; files: FileStorage },
  payload: JobPayload<typeof fileDeleteJob>,
): Promise<FileDeleteOutcome> {
  if (payload.topic !== 'file.orphaned') throw new PermanentJobError(`not a file topic: ${payload.topic}`);
  const parsed = OUTBOX_EVENTS['file.orphaned'].safeParse(payload.payload);
  if (!parsed.success) throw new PermanentJobError(`invalid file.orphaned payload: ${parsed.error.message}`);
  const [tenant] = await deps.database.platform
    .select({ id: p.tenants.id, schemaName: p.tenants.schemaName })
    .from(p.tenants)
    .where(and(eq(p.tenants.id, payload.tenantId), inArray(p.tenants.status, ['active', 'suspended'])));
  // A tenant that is gone takes its files with it some other way; nothing to do here.
  if (!tenant) return { deleted: [], kept: [] };
  const own = `tenants/${tenant.id}/`;
  // Sorted: two jobs with overlapping keys take the locks in the same order.
  const keys = [...new Set(parsed.data.keys)].sort();
  return withTenant(deps.database, tenant, async (tx) => {
    const outcome: FileDeleteOutcome = { deleted: [], kept: [] };
    for (const key of keys) {
      if (!key.startsWith(own) || !isValidFileKey(key)) {
        outcome.kept.push(key);
        continue;
      }
      await lockFileKey(tx, key);
      if (await isFileReferenced(tx, key)) {
        outcome.kept.push(key);
      } else {
        await deps.files.delete(key);
        outcome.deleted.push(key);
      }
    }
    return outcome;
  });
}
