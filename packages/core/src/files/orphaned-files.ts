import type { TenantTx } from '@agora/db';
import type { FileStorage } from '@agora/files';
import { sql } from 'drizzle-orm';
import { emitEvent } from '../outbox/emit-event.js';

/**
 * Hold one stored file's key until the unit of work ends. The delete job holds it while it checks
 * that nothing references the file and deletes it; code that adds a reference to a file it
 * stored earlier holds it too (`keepStoredFile`). Content-addressed files (logos, product images)
 * are shared by everything with the same bytes, so without the lock a deletion and a new
 * reference to the same file could interleave and leave a reference to a deleted file.
 */
export async function lockFileKey(tx: TenantTx, key: string): Promise<void> {
  await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext('agora.files'), hashtext(${key}))`);
}

/**
 * Call in the unit of work that references a file stored before it began: under the key's lock,
 * store the bytes again if the delete job removed the file in between (an older copy of the same
 * content was orphaned). A HEAD (or stat) in the common case.
 */
export async function keepStoredFile(
  tx: TenantTx,
  files: FileStorage,
  key: string,
  bytes: Uint8Array,
  contentType: string,
): Promise<void> {
  await lockFileKey(tx, key);
  if (!(await files.exists(key))) await files.put(key, bytes, contentType);
}

/**
 * Files this unit of work stopped using. A `file.orphaned` event in the same transaction: after
 * commit (and a delay, AGORA_FILE_DELETE_DELAY_S, for pages cached elsewhere that still link them)
 * the files job deletes each one that nothing references then. A rolled-back change deletes nothing.
 */
export async function orphanFiles(tx: TenantTx, keys: (string | null | undefined)[]): Promise<void> {
  const unique = [...new Set(keys.filter((k): k is string => Boolean(k)))];
  if (unique.length) await emitEvent(tx, 'file.orphaned', { keys: unique });
}
