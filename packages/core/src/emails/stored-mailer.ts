import { newId } from '@agora/contracts';
import { type Database, platformTables as p } from '@agora/db';
import { eq } from 'drizzle-orm';
import type { Mailer, OutgoingEmail, SentEmail } from './mailer.js';

/** The default mailer: emails are stored in `platform.emails` (status `stored`) and go nowhere. */
export class StoredMailer implements Mailer {
  constructor(private readonly database: Database) {}

  async send(email: OutgoingEmail): Promise<SentEmail> {
    const [row] = await this.database.platform
      .insert(p.emails)
      .values({
        id: newId('eml'),
        tenantId: email.tenantId ?? null,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html ?? null,
        kind: email.kind,
        status: 'stored',
        dedupeKey: email.dedupeKey ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: p.emails.id });
    if (row) return { id: row.id, status: 'stored' };
    // Same dedupe key as an earlier email: that one stands.
    const [existing] = await this.database.platform
      .select({ id: p.emails.id })
      .from(p.emails)
      .where(eq(p.emails.dedupeKey, email.dedupeKey ?? ''));
    if (!existing) throw new Error('email insert conflicted but no earlier email was found');
    return { id: existing.id, status: 'stored' };
  }

  async close() {}
}
