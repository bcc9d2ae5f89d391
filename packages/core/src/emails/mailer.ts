import type { Config } from '@agora/config';
import { type Database, platformTables as p } from '@agora/db';
import { eq } from 'drizzle-orm';
import { SmtpMailer } from './smtp-mailer.js';
import { StoredMailer } from './stored-mailer.js';

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What the email is for (`invitation`, `password_reset`), for the mailbox and for metrics. */
  kind: string;
  tenantId?: string | null;
  /** Sending twice with the same key records (and, with SMTP, sends) one email. */
  dedupeKey?: string;
};

export type SentEmail = { id: string; status: 'stored' | 'sent' };

/**
 * Where emails go. Both implementations record every email in `platform.emails`; without
 * SMTP_URL that table is the mailbox (the dev mailbox page reads it).
 */
export interface Mailer {
  send(email: OutgoingEmail): Promise<SentEmail>;
  close(): Promise<void>;
}

/** SMTP when SMTP_URL is set, else stored only. */
export function createMailer(config: Config, database: Database): Mailer {
  return config.email.smtpUrl
    ? new SmtpMailer(database, config.email.smtpUrl, config.email.from)
    : new StoredMailer(database);
}

/** Whether an email with this dedupe key was already stored or sent (a retry must not resend). */
export async function emailDelivered(database: Database, dedupeKey: string): Promise<boolean> {
  const [row] = await database.platform
    .select({ status: p.emails.status })
    .from(p.emails)
    .where(eq(p.emails.dedupeKey, dedupeKey));
  return row?.status === 'stored' || row?.status === 'sent';
}
