import type { TenantTx } from '@agora/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { TenantRole } from '../users/tenant-users.js';
import type { OutgoingEmail } from './mailer.js';
import type { EmailContent } from './templates.js';

/** An email an event sends; `recipientKey` when several people get it (the send dedupes per key). */
export type Message = Omit<OutgoingEmail, 'tenantId' | 'dedupeKey'> & { recipientKey?: string };

/** One copy of `mail` to each of `people`, keyed by who gets it. */
export const toEach = (
  people: readonly { id: string; email: string }[],
  mail: EmailContent,
  kind: string,
): Message[] => people.map((p) => ({ to: p.email, ...mail, kind, recipientKey: p.id }));

/**
 * The users of this marketplace an email goes to: those with one of `roles`, of one company or
 * vendor when given, active (or also invited, for the owner's notices), oldest account first.
 */
export function recipients(
  { db, t }: TenantTx,
  who: {
    roles: readonly TenantRole[];
    companyId?: string;
    vendorId?: string;
    statuses?: readonly ('active' | 'invited')[];
  },
): Promise<{ id: string; email: string }[]> {
  return db
    .select({ id: t.users.id, email: t.users.email })
    .from(t.users)
    .where(
      and(
        inArray(t.users.role, [...who.roles]),
        inArray(t.users.status, [...(who.statuses ?? ['active'])]),
        who.companyId === undefined ? undefined : eq(t.users.companyId, who.companyId),
        who.vendorId === undefined ? undefined : eq(t.users.vendorId, who.vendorId),
      ),
    )
    .orderBy(t.users.createdAt, t.users.id);
}
