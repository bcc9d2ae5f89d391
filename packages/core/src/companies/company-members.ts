import {
  AppError,
  BUYER_ROLES,
  type CompanyMember,
  type InviteMemberBody,
  newId,
  type PageQuery,
  type UpdateMemberBody,
} from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import { CURSOR_TIME, decodeTimeCursor, encodeCursor } from '../keyset-cursor.js';
import { emitEvent } from '../outbox/emit-event.js';
import { memberColumns, memberView } from './company-views.js';

type Actor = { companyId: string; actorUserId: string };

const audit = (tx: TenantTx, a: Actor, action: string, data: Record<string, unknown>) =>
  recordTenantAudit(tx, {
    actorUserId: a.actorUserId,
    action: `company.${action}`,
    subjectType: 'company',
    subjectId: a.companyId,
    data,
  });

/** The company's members (invited and active; removed ones are gone), oldest first, keyset-paginated. */
export async function listCompanyMembers(
  database: Database,
  tenant: TenantRef,
  companyId: string,
  query: PageQuery,
): Promise<{ data: CompanyMember[]; nextCursor: string | null }> {
  return withTenant(database, tenant, async ({ db, t }) => {
    const u = t.users;
    const filters = [eq(u.companyId, companyId), ne(u.status, 'disabled')];
    if (query.cursor) {
      const [at, id] = decodeTimeCursor(query.cursor);
      filters.push(sql`(${u.createdAt}, ${u.id}) > (${at}::timestamptz, ${id})`);
    }
    const rows = await db
      .select({
        ...memberColumns(t),
        cursorAt: sql<string>`to_char(${u.createdAt} at time zone 'UTC', ${sql.raw(CURSOR_TIME)})`,
      })
      .from(u)
      .where(and(...filters))
      .orderBy(asc(u.createdAt), asc(u.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map(memberView),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
    };
  });
}

/**
 * An admin invites someone to the company: an `invited` user with the role and spending limit,
 * and a `user.invited` event (the invitation email, its link to the storefront's accept page).
 *
 * An email is one account per marketplace. A removed buyer's account (disabled, ADR 0042) is
 * invited again, to this company or another: the same user row gets the new company, role and
 * limit, a fresh invitation, no password, and loses its old links, sessions and cart; the
 * orders it placed stay with the company it placed them for. An email with a live account
 * (a member of a company, a vendor, the marketplace team) is a 409 naming `email` that says
 * what to do.
 */
export async function inviteCompanyMember(
  database: Database,
  tenant: TenantRef,
  input: Actor & InviteMemberBody,
): Promise<CompanyMember> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const [company] = await db
      .select({ status: t.companies.status })
      .from(t.companies)
      .where(eq(t.companies.id, input.companyId));
    if (!company) throw new AppError('not_found', 'No company with this id in this marketplace');
    if (company.status === 'rejected' || company.status === 'suspended')
      throw new AppError('invalid_state', `This company is ${company.status}; it cannot invite members`);
    const values = {
      role: input.role,
      status: 'invited' as const,
      companyId: input.companyId,
      spendingLimitMinor: input.spendingLimitMinor ?? null,
      spendingPeriod: input.spendingPeriod ?? null,
    };
    let [user] = await db
      .insert(t.users)
      .values({ id: newId('usr'), email: input.email, ...values })
      .onConflictDoNothing()
      .returning();
    let rejoined: { previousCompanyId: string | null } | null = null;
    if (!user) {
      const [existing] = await db
        .select({ id: t.users.id, status: t.users.status, role: t.users.role, companyId: t.users.companyId })
        .from(t.users)
        .where(eq(t.users.email, input.email))
        .for('update');
      if (!existing || !isRemovedBuyer(existing)) throw emailTaken(input.email, existing, input.companyId);
      rejoined = { previousCompanyId: existing.companyId };
      [user] = await db
        .update(t.users)
        .set({
          ...values,
          passwordHash: null,
          emailVerifiedAt: null,
          sessionVersion: sql`${t.users.sessionVersion} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(t.users.id, existing.id))
        .returning();
      // Links sent before the removal must not open the new account; the old cart is not theirs now.
      await db.delete(t.userTokens).where(eq(t.userTokens.userId, existing.id));
      await db.delete(t.cartLines).where(eq(t.cartLines.userId, existing.id));
    }
    if (!user) throw new Error('invited user row missing');
    await emitEvent(tx, 'user.invited', { userId: user.id, email: user.email, role: user.role });
    await audit(tx, input, 'member_invited', {
      userId: user.id,
      email: user.email,
      role: user.role,
      spendingLimitMinor: user.spendingLimitMinor,
      spendingPeriod: user.spendingPeriod,
      ...(rejoined ? { rejoined: true, previousCompanyId: rejoined.previousCompanyId } : {}),
    });
    return memberView(user);
  });
}

/** A buyer account an admin removed: disabled, and a buyer's (vendors and operators are not). */
const isRemovedBuyer = (u: { status: string; role: string }) =>
  u.status === 'disabled' && (BUYER_ROLES as readonly string[]).includes(u.role);

function emailTaken(
  email: string,
  existing: { status: string; companyId: string | null } | undefined,
  companyId: string,
): AppError {
  const sameCompany = existing?.companyId === companyId && existing.status !== 'disabled';
  const message = sameCompany
    ? `${email} is already a member of your company${existing?.status === 'invited' ? ' (invited, not joined yet)' : ''}`
    : `${email} already has an account in this marketplace (with another company, a vendor or the marketplace team): invite a different address, or ask them to be removed there first`;
  return new AppError('email_taken', message, {
    fields: [
      {
        path: 'email',
        message: sameCompany
          ? 'is already a member of your company'
          : 'already has an account in this marketplace',
      },
    ],
  });
}

const noMember = () => new AppError('not_found', 'No such member in your company');

/** The member (locked), or a 404 for anyone outside the company or already removed. */
async function lockMember(tx: TenantTx, companyId: string, userId: string) {
  const [member] = await tx.db
    .select(memberColumns(tx.t))
    .from(tx.t.users)
    .where(
      and(eq(tx.t.users.id, userId), eq(tx.t.users.companyId, companyId), ne(tx.t.users.status, 'disabled')),
    )
    .for('update');
  if (!member) throw noMember();
  return member;
}

/** Whether another active admin than `userId` remains (a company never loses its last admin). */
async function otherAdmins(tx: TenantTx, companyId: string, userId: string): Promise<number> {
  // Lock every admin row: two admins demoting each other at once cannot both pass.
  const admins = await tx.db
    .select({ id: tx.t.users.id })
    .from(tx.t.users)
    .where(
      and(
        eq(tx.t.users.companyId, companyId),
        eq(tx.t.users.role, 'buyer_admin'),
        eq(tx.t.users.status, 'active'),
        ne(tx.t.users.id, userId),
      ),
    )
    .for('update');
  return admins.length;
}

/** An admin changes a member's role or spending limit. The last active admin stays an admin. */
export async function updateCompanyMember(
  database: Database,
  tenant: TenantRef,
  input: Actor & { userId: string } & UpdateMemberBody,
): Promise<CompanyMember> {
  return withTenant(database, tenant, async (tx) => {
    const before = await lockMember(tx, input.companyId, input.userId);
    if (before.role === 'buyer_admin' && input.role !== 'buyer_admin' && before.status === 'active')
      if ((await otherAdmins(tx, input.companyId, input.userId)) === 0)
        throw new AppError('invalid_state', 'The company’s only administrator must stay an administrator', {
          fields: [{ path: 'role', message: 'the only administrator must stay an administrator' }],
        });
    const limit = input.spendingLimitMinor ?? null;
    const period = input.spendingPeriod ?? null;
    const [after] = await tx.db
      .update(tx.t.users)
      .set({
        role: input.role,
        spendingLimitMinor: limit,
        spendingPeriod: period,
        // A new role takes effect at once: sessions signed with the old one end.
        ...(before.role !== input.role ? { sessionVersion: sql`${tx.t.users.sessionVersion} + 1` } : {}),
        updatedAt: new Date(),
      })
      .where(eq(tx.t.users.id, input.userId))
      .returning(memberColumns(tx.t));
    await audit(tx, input, 'member_updated', {
      userId: input.userId,
      before: {
        role: before.role,
        spendingLimitMinor: before.spendingLimitMinor,
        spendingPeriod: before.spendingPeriod,
      },
      after: { role: input.role, spendingLimitMinor: limit, spendingPeriod: period },
    });
    if (!after) throw noMember();
    return memberView(after);
  });
}

/**
 * An admin removes a member: the account is disabled (its orders stay the company's) and every
 * session of it ends at once (session version raised). The last active admin cannot be removed.
 * Their checkouts waiting for approval are declined. The email is free again: inviting it
 * (here or in another company) revives this account.
 */
export async function removeCompanyMember(
  database: Database,
  tenant: TenantRef,
  input: Actor & { userId: string },
): Promise<void> {
  await withTenant(database, tenant, async (tx) => {
    const member = await lockMember(tx, input.companyId, input.userId);
    if (member.role === 'buyer_admin' && (await otherAdmins(tx, input.companyId, input.userId)) === 0)
      throw new AppError('invalid_state', 'The company’s only administrator cannot be removed');
    await tx.db
      .update(tx.t.users)
      .set({
        status: 'disabled',
        sessionVersion: sql`${tx.t.users.sessionVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(tx.t.users.id, input.userId));
    // Their checkouts waiting for approval go with them: an approval would place orders for
    // someone who is no longer here (or, invited again, in another company).
    const now = new Date();
    const declined = await tx.db
      .update(tx.t.orderGroups)
      .set({
        status: 'declined',
        decidedByUserId: input.actorUserId,
        decidedAt: now,
        decisionReason: 'The member was removed from the company',
      })
      .where(
        and(
          eq(tx.t.orderGroups.buyerUserId, input.userId),
          eq(tx.t.orderGroups.companyId, input.companyId),
          eq(tx.t.orderGroups.status, 'awaiting_approval'),
        ),
      )
      .returning({ id: tx.t.orderGroups.id });
    await audit(tx, input, 'member_removed', {
      userId: input.userId,
      email: member.email,
      ...(declined.length ? { declinedCheckouts: declined.map((g) => g.id) } : {}),
    });
  });
}
