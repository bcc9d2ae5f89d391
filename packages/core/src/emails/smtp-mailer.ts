import { newId } from '@agora/contracts';
import { type Database, platformTables as p } from '@agora/db';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Mailer, OutgoingEmail, SentEmail } from './mailer.js';

/**
 * Sends through SMTP (`nodemailer.createTransport(SMTP_URL)`) and records the outcome in
 * `platform.emails`: `sent`, or `failed` with the error (and the send rejects, so a job retries).
 * Delivery is at least once: a crash after the server accepted the message and before the row
 * is written sends it again on retry.
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    private readonly database: Database,
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(email: OutgoingEmail): Promise<SentEmail> {
    let error: string | null = null;
    try {
      await this.transport.sendMail({
        from: this.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        ...(email.html ? { html: email.html } : {}),
      });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const outcome = {
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html ?? null,
      status: error ? ('failed' as const) : ('sent' as const),
      error,
      sentAt: error ? null : new Date(),
    };
    const [row] = await this.database.platform
      .insert(p.emails)
      .values({
        id: newId('eml'),
        tenantId: email.tenantId ?? null,
        kind: email.kind,
        dedupeKey: email.dedupeKey ?? null,
        ...outcome,
      })
      // A retry of a failed send updates its row instead of adding one.
      .onConflictDoUpdate({ target: p.emails.dedupeKey, set: outcome })
      .returning({ id: p.emails.id });
    if (error) throw new Error(`SMTP delivery to ${email.to} failed: ${error}`);
    if (!row) throw new Error('email row was not recorded');
    return { id: row.id, status: 'sent' };
  }

  async close() {
    this.transport.close();
  }
}
