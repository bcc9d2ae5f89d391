import { type Database, platformTables as p } from '@agora/db';
import { desc, eq } from 'drizzle-orm';

export type EmailView = {
  id: string;
  tenantId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  kind: string;
  status: 'stored' | 'sent' | 'failed';
  error: string | null;
  createdAt: string;
  sentAt: string | null;
};

/** Recorded emails, newest first, optionally to one address (the dev mailbox). */
export async function listEmails(
  database: Database,
  query: { to?: string; limit: number },
): Promise<EmailView[]> {
  const rows = await database.platform
    .select()
    .from(p.emails)
    .where(query.to ? eq(p.emails.to, query.to.trim().toLowerCase()) : undefined)
    .orderBy(desc(p.emails.createdAt), desc(p.emails.id))
    .limit(query.limit);
  return rows.map(({ dedupeKey: _d, createdAt, sentAt, ...e }) => ({
    ...e,
    createdAt: createdAt.toISOString(),
    sentAt: sentAt?.toISOString() ?? null,
  }));
}
