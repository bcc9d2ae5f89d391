import {
  AppError,
  type CommissionRule,
  type CommissionRuleBody,
  type CommissionRuleListQuery,
  newId,
  type Page,
} from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import { CURSOR_TIME, decodeTimeCursor, encodeCursor } from '../keyset-cursor.js';
import { emitEvent } from '../outbox/emit-event.js';
import { ruleColumns, ruleView, selectRules } from './rule-store.js';

/**
 * The operator's commission rules (ADR 0037). A rule is a chain of versions that are never
 * changed: editing, enabling and disabling each add a version and move the rule's
 * `current_version`, so orders keep pointing at exactly what applied to them. Deleting is
 * disabling. The marketplace default keeps its scope and cannot be disabled.
 */

const fieldError = (path: string, message: string) =>
  new AppError('validation_failed', 'Please check the rule', { fields: [{ path, message }] });

/** The ids a rule names must exist in this marketplace (each missing one is a field error). */
export async function checkReferences(tx: TenantTx, body: CommissionRuleBody): Promise<void> {
  const { db, t } = tx;
  const fields: { path: string; message: string }[] = [];
  const exists = async (table: typeof t.vendors | typeof t.categories | typeof t.products, id: string) =>
    (await db.select({ id: table.id }).from(table).where(eq(table.id, id))).length > 0;
  if (body.vendorId && !(await exists(t.vendors, body.vendorId)))
    fields.push({ path: 'vendorId', message: 'no vendor with this id in this marketplace' });
  if (body.categoryId && !(await exists(t.categories, body.categoryId)))
    fields.push({ path: 'categoryId', message: 'no category with this id in this marketplace' });
  if (body.productId && !(await exists(t.products, body.productId)))
    fields.push({ path: 'productId', message: 'no product with this id in this marketplace' });
  if (fields.length) throw new AppError('validation_failed', 'Please check the rule', { fields });
}

const versionValues = (ruleId: string, version: number, body: CommissionRuleBody, actorUserId: string) => ({
  ruleId,
  version,
  scope: body.scope,
  vendorId: body.vendorId ?? null,
  categoryId: body.categoryId ?? null,
  productId: body.productId ?? null,
  kind: body.kind,
  rateBps: body.kind === 'percent' ? (body.rateBps ?? 0) : null,
  amounts: body.kind === 'percent' ? {} : body.amounts,
  minAmounts: body.minAmounts,
  maxAmounts: body.maxAmounts,
  validFrom: body.validFrom ?? null,
  validTo: body.validTo ?? null,
  priority: body.priority,
  enabled: body.enabled,
  note: body.note,
  vendorGmv30dMinMinor:
    body.vendorGmv30dMinMinor && Object.keys(body.vendorGmv30dMinMinor).length
      ? body.vendorGmv30dMinMinor
      : null,
  createdBy: actorUserId,
});

async function currentRule(
  tx: TenantTx,
  ruleId: string,
  lock = false,
): Promise<CommissionRule & { isDefault: boolean }> {
  if (lock)
    await tx.db
      .select({ id: tx.t.commissionRules.id })
      .from(tx.t.commissionRules)
      .where(eq(tx.t.commissionRules.id, ruleId))
      .for('update');
  const [row] = await selectRules(tx, [eq(tx.t.commissionRules.id, ruleId)]);
  if (!row) throw new AppError('not_found', 'There is no commission rule with this id');
  return ruleView(row);
}

async function writeVersion(
  tx: TenantTx,
  actorUserId: string,
  ruleId: string,
  version: number,
  body: CommissionRuleBody,
  action: string,
): Promise<CommissionRule> {
  const { db, t } = tx;
  const now = new Date();
  await db
    .insert(t.commissionRuleVersions)
    .values({ ...versionValues(ruleId, version, body, actorUserId), createdAt: now });
  await db
    .update(t.commissionRules)
    .set({ currentVersion: version, enabled: body.enabled, updatedAt: now })
    .where(eq(t.commissionRules.id, ruleId));
  await recordTenantAudit(tx, {
    actorUserId,
    action: `commission_rule.${action}`,
    subjectType: 'commission_rule',
    subjectId: ruleId,
    data: { version, scope: body.scope, kind: body.kind, enabled: body.enabled },
  });
  await emitEvent(tx, 'commission_rule.changed', { ruleId, version, action });
  return currentRule(tx, ruleId);
}

export async function createCommissionRule(
  database: Database,
  tenant: TenantRef,
  actorUserId: string,
  body: CommissionRuleBody,
): Promise<CommissionRule> {
  return withTenant(database, tenant, async (tx) => {
    await checkReferences(tx, body);
    const id = newId('cmr');
    await tx.db.insert(tx.t.commissionRules).values({ id, currentVersion: 1, enabled: body.enabled });
    return writeVersion(tx, actorUserId, id, 1, body, 'created');
  });
}

/** The body a version was written from, to compare an edit with what is there. */
const sameAsCurrent = (current: CommissionRule, body: CommissionRuleBody) => {
  const v = versionValues(current.id, current.version, body, current.createdBy ?? '');
  return (
    v.scope === current.scope &&
    v.vendorId === current.vendorId &&
    v.categoryId === current.categoryId &&
    v.productId === current.productId &&
    v.kind === current.kind &&
    v.rateBps === current.rateBps &&
    JSON.stringify(v.amounts) === JSON.stringify(current.amounts) &&
    JSON.stringify(v.minAmounts) === JSON.stringify(current.minAmounts) &&
    JSON.stringify(v.maxAmounts) === JSON.stringify(current.maxAmounts) &&
    (v.validFrom?.toISOString() ?? null) === current.validFrom &&
    (v.validTo?.toISOString() ?? null) === current.validTo &&
    v.priority === current.priority &&
    v.enabled === current.enabled &&
    v.note === current.note &&
    JSON.stringify(v.vendorGmv30dMinMinor) === JSON.stringify(current.vendorGmv30dMinMinor)
  );
};

/** Edit: a new version. The same body as the current version again changes nothing (a retry). */
export async function updateCommissionRule(
  database: Database,
  tenant: TenantRef,
  actorUserId: string,
  ruleId: string,
  body: CommissionRuleBody,
): Promise<CommissionRule> {
  return withTenant(database, tenant, async (tx) => {
    const current = await currentRule(tx, ruleId, true);
    if (current.isDefault && body.scope !== 'marketplace')
      throw fieldError(
        'scope',
        'the marketplace default applies to the whole marketplace; add another rule instead',
      );
    if (current.isDefault && !body.enabled)
      throw fieldError('enabled', 'the marketplace default cannot be disabled');
    if (current.isDefault && (body.validFrom || body.validTo || body.vendorGmv30dMinMinor))
      throw fieldError(
        body.vendorGmv30dMinMinor ? 'vendorGmv30dMinMinor' : body.validFrom ? 'validFrom' : 'validTo',
        'the marketplace default always applies: no dates or conditions',
      );
    if (sameAsCurrent(current, body)) return current;
    await checkReferences(tx, body);
    return writeVersion(tx, actorUserId, ruleId, current.version + 1, body, 'updated');
  });
}

/** Enable or disable (deleting a rule disables it): a new version; idempotent. */
export async function setCommissionRuleEnabled(
  database: Database,
  tenant: TenantRef,
  actorUserId: string,
  ruleId: string,
  enabled: boolean,
): Promise<CommissionRule> {
  return withTenant(database, tenant, async (tx) => {
    const current = await currentRule(tx, ruleId, true);
    if (current.enabled === enabled) return current;
    if (current.isDefault)
      throw new AppError(
        'invalid_state',
        'The marketplace default cannot be disabled; set its rate to 0 instead',
      );
    const { id: _i, version: _v, ...rest } = current;
    const body: CommissionRuleBody = {
      ...rest,
      validFrom: rest.validFrom ? new Date(rest.validFrom) : null,
      validTo: rest.validTo ? new Date(rest.validTo) : null,
      enabled,
    };
    return writeVersion(tx, actorUserId, ruleId, current.version + 1, body, enabled ? 'enabled' : 'disabled');
  });
}

export async function getCommissionRule(database: Database, tenant: TenantRef, ruleId: string) {
  return withTenant(database, tenant, (tx) => currentRule(tx, ruleId));
}

/** Every version of a rule, newest first. */
export async function listCommissionRuleVersions(
  database: Database,
  tenant: TenantRef,
  ruleId: string,
): Promise<{ data: CommissionRule[] }> {
  return withTenant(database, tenant, async (tx) => {
    const rows = await selectRules(tx, [eq(tx.t.commissionRules.id, ruleId)], false).orderBy(
      desc(tx.t.commissionRuleVersions.version),
    );
    if (!rows.length) throw new AppError('not_found', 'There is no commission rule with this id');
    return { data: rows.map(ruleView) };
  });
}

/**
 * Rules as they are now (their current versions), most recently changed first, keyset-paged on
 * (updated_at, id). `categoryId` finds rules on that category or any category above it (the
 * ones that can apply to its products).
 */
export async function listCommissionRules(
  database: Database,
  tenant: TenantRef,
  query: Omit<CommissionRuleListQuery, 'limit'> & { limit: number },
): Promise<Page<CommissionRule>> {
  return withTenant(database, tenant, async (tx) => {
    const { t } = tx;
    const v = t.commissionRuleVersions;
    const filters: (SQL | undefined)[] = [];
    if (query.scope) filters.push(eq(v.scope, query.scope));
    if (query.enabled) filters.push(eq(t.commissionRules.enabled, query.enabled === 'true'));
    if (query.vendorId) filters.push(eq(v.vendorId, query.vendorId));
    if (query.categoryId)
      filters.push(
        sql`${v.categoryId} is not null and (select path from ${t.categories} where id = ${query.categoryId}) like (select path from ${t.categories} where id = ${v.categoryId}) || '%'`,
      );
    if (query.cursor) {
      const [at, id] = decodeTimeCursor(query.cursor);
      filters.push(
        sql`(${t.commissionRules.updatedAt}, ${t.commissionRules.id}) < (${at}::timestamptz, ${id})`,
      );
    }
    const rows = await tx.db
      .select({
        ...ruleColumns(tx),
        cursorAt: sql<string>`to_char(${t.commissionRules.updatedAt} at time zone 'UTC', ${sql.raw(CURSOR_TIME)})`,
      })
      .from(v)
      .innerJoin(t.commissionRules, eq(t.commissionRules.id, v.ruleId))
      .where(and(eq(v.version, t.commissionRules.currentVersion), ...filters))
      .orderBy(desc(t.commissionRules.updatedAt), desc(t.commissionRules.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map(ruleView),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
    };
  });
}
