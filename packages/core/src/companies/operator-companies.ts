import type {
  CompanyDecisionBody,
  CompanyDetail,
  CompanyStatus,
  CompanySummary,
  CompanyTermsBody,
  OperatorCompanyListQuery,
} from '@agora/contracts';
import { AppError } from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import { likeContains } from '../catalog/like-prefix.js';
import { CURSOR_TIME, decodeTimeCursor, encodeCursor } from '../keyset-cursor.js';
import { emitEvent } from '../outbox/emit-event.js';
import { changeCompanyStatus } from './change-company-status.js';
import { loadCompany, memberColumns, memberView } from './company-views.js';

/**
 * The operator's buyer queue: every company, newest sign-up first, filtered by status and
 * searched by `q` (legal name or tax id). Keyset-paginated on (created_at, id).
 */
export async function listCompanies(
  database: Database,
  tenant: TenantRef,
  query: OperatorCompanyListQuery,
): Promise<{ data: CompanySummary[]; nextCursor: string | null }> {
  return withTenant(database, tenant, async ({ db, t }) => {
    const c = t.companies;
    const filters: SQL[] = [];
    if (query.status) filters.push(eq(c.status, query.status));
    if (query.q) {
      const like = likeContains(query.q);
      filters.push(or(ilike(c.legalName, like), ilike(c.taxId, like)) as SQL);
    }
    if (query.cursor) {
      const [createdAt, id] = decodeTimeCursor(query.cursor);
      filters.push(sql`(${c.createdAt}, ${c.id}) < (${createdAt}::timestamptz, ${id})`);
    }
    const rows = await db
      .select({
        company: c,
        cursorAt: sql<string>`to_char(${c.createdAt} at time zone 'UTC', ${sql.raw(CURSOR_TIME)})`,
      })
      .from(c)
      .where(filters.length ? and(...filters) : undefined)
      .orderBy(desc(c.createdAt), desc(c.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const ids = page.map((r) => r.company.id);
    const members = ids.length
      ? await db
          .select({
            companyId: t.users.companyId,
            email: t.users.email,
            role: t.users.role,
            createdAt: t.users.createdAt,
          })
          .from(t.users)
          .where(inArray(t.users.companyId, ids))
          .orderBy(asc(t.users.createdAt), asc(t.users.id))
      : [];
    const last = page.at(-1);
    return {
      data: page.map(({ company }) => {
        const own = members.filter((m) => m.companyId === company.id);
        return {
          id: company.id,
          legalName: company.legalName,
          country: company.country,
          taxId: company.taxId,
          status: company.status as CompanyStatus,
          adminEmail: own.find((m) => m.role === 'buyer_admin')?.email ?? null,
          members: own.length,
          createdAt: company.createdAt.toISOString(),
        };
      }),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursorAt, last.company.id]) : null,
    };
  });
}

/** A company as the operator sees it: details, addresses, members, decisions. */
export async function loadCompanyDetail(tx: TenantTx, companyId: string): Promise<CompanyDetail> {
  const company = await loadCompany(tx, companyId);
  if (!company) throw new AppError('not_found', 'No company with this id in this marketplace');
  const { db, t } = tx;
  const members = await db
    .select(memberColumns(t))
    .from(t.users)
    .where(eq(t.users.companyId, companyId))
    .orderBy(asc(t.users.createdAt), asc(t.users.id));
  const history = await db
    .select({
      action: t.auditLog.action,
      at: t.auditLog.createdAt,
      data: t.auditLog.data,
      actorName: t.users.name,
      actorEmail: t.users.email,
    })
    .from(t.auditLog)
    .leftJoin(t.users, eq(t.users.id, t.auditLog.actorUserId))
    .where(and(eq(t.auditLog.subjectType, 'company'), eq(t.auditLog.subjectId, companyId)))
    .orderBy(desc(t.auditLog.createdAt), desc(t.auditLog.id))
    .limit(50);
  return {
    ...company,
    members: members.map(memberView),
    history: history.map((h) => ({
      action: h.action.replace(/^company\./, ''),
      at: h.at.toISOString(),
      actorName: h.actorName || h.actorEmail || null,
      reason: typeof h.data.reason === 'string' ? h.data.reason : null,
    })),
  };
}

export function getCompanyDetail(database: Database, tenant: TenantRef, companyId: string) {
  return withTenant(database, tenant, (tx) => loadCompanyDetail(tx, companyId));
}

/**
 * An operator's decision about a company (approve, reject or request information with a
 * reason, suspend, reinstate): status, audit row and the email to its admins in one transaction.
 */
export async function decideCompany(
  database: Database,
  tenant: TenantRef,
  input: { companyId: string; actorUserId: string } & CompanyDecisionBody,
): Promise<CompanyDetail> {
  return withTenant(database, tenant, async (tx) => {
    await changeCompanyStatus(tx, {
      companyId: input.companyId,
      action: input.action,
      actorUserId: input.actorUserId,
      reason: input.reason ?? null,
    });
    return loadCompanyDetail(tx, input.companyId);
  });
}

/** The operator sets a company's payment terms and credit limit (audit row, email to its admins). */
export async function updateCompanyTerms(
  database: Database,
  tenant: TenantRef,
  input: { companyId: string; actorUserId: string } & CompanyTermsBody,
): Promise<CompanyDetail> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const [before] = await db
      .select({
        paymentTerms: t.companies.paymentTerms,
        netDays: t.companies.netDays,
        creditLimitMinor: t.companies.creditLimitMinor,
      })
      .from(t.companies)
      .where(eq(t.companies.id, input.companyId))
      .for('update');
    if (!before) throw new AppError('not_found', 'No company with this id in this marketplace');
    const after = {
      paymentTerms: input.paymentTerms,
      netDays: input.netDays,
      creditLimitMinor: input.creditLimitMinor,
    };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]);
    if (changed.length) {
      await db
        .update(t.companies)
        .set({ ...after, updatedAt: new Date() })
        .where(eq(t.companies.id, input.companyId));
      await recordTenantAudit(tx, {
        actorUserId: input.actorUserId,
        action: 'company.terms_changed',
        subjectType: 'company',
        subjectId: input.companyId,
        data: { changed, before, after },
      });
      await emitEvent(tx, 'company.terms_changed', { companyId: input.companyId, ...after });
    }
    return loadCompanyDetail(tx, input.companyId);
  });
}
