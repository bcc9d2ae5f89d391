import type { CommissionRule } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { CommissionCandidate } from './choose-commission.js';

/** The columns of a rule version with its rule's state and the names of what it is scoped to. */
export function ruleColumns({ t }: Pick<TenantTx, 't'>) {
  const v = t.commissionRuleVersions;
  return {
    id: v.ruleId,
    version: v.version,
    isDefault: t.commissionRules.isDefault,
    ruleEnabled: t.commissionRules.enabled,
    enabled: v.enabled,
    currentVersion: t.commissionRules.currentVersion,
    ruleUpdatedAt: t.commissionRules.updatedAt,
    scope: v.scope,
    vendorId: v.vendorId,
    vendorName: sql<string | null>`(select name from ${t.vendors} where ${t.vendors.id} = ${v.vendorId})`,
    categoryId: v.categoryId,
    categoryName: sql<
      string | null
    >`(select name from ${t.categories} where ${t.categories.id} = ${v.categoryId})`,
    categoryPath: sql<
      string | null
    >`(select path from ${t.categories} where ${t.categories.id} = ${v.categoryId})`,
    productId: v.productId,
    productTitle: sql<
      string | null
    >`(select title from ${t.products} where ${t.products.id} = ${v.productId})`,
    kind: v.kind,
    rateBps: v.rateBps,
    amounts: v.amounts,
    minAmounts: v.minAmounts,
    maxAmounts: v.maxAmounts,
    validFrom: v.validFrom,
    validTo: v.validTo,
    priority: v.priority,
    note: v.note,
    vendorGmv30dMinMinor: v.vendorGmv30dMinMinor,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
  };
}

export type RuleRow = Awaited<ReturnType<typeof selectRules>>[number];

/** Rule versions joined to their rule; `where` narrows (current versions: `currentOnly`). */
export function selectRules(tx: TenantTx, where: (SQL | undefined)[], currentOnly = true) {
  const { db, t } = tx;
  return db
    .select(ruleColumns(tx))
    .from(t.commissionRuleVersions)
    .innerJoin(t.commissionRules, eq(t.commissionRules.id, t.commissionRuleVersions.ruleId))
    .where(
      and(
        currentOnly ? eq(t.commissionRuleVersions.version, t.commissionRules.currentVersion) : undefined,
        ...where,
      ),
    );
}

export function ruleView(r: RuleRow): CommissionRule {
  return {
    id: r.id,
    version: r.version,
    isDefault: r.isDefault,
    enabled: r.enabled,
    scope: r.scope,
    vendorId: r.vendorId,
    vendorName: r.vendorName,
    categoryId: r.categoryId,
    categoryName: r.categoryName,
    productId: r.productId,
    productTitle: r.productTitle,
    kind: r.kind,
    rateBps: r.rateBps,
    amounts: r.amounts,
    minAmounts: r.minAmounts,
    maxAmounts: r.maxAmounts,
    validFrom: r.validFrom?.toISOString() ?? null,
    validTo: r.validTo?.toISOString() ?? null,
    priority: r.priority,
    note: r.note,
    vendorGmv30dMinMinor: r.vendorGmv30dMinMinor,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
  };
}

export function candidateOf(r: Omit<RuleRow, 'createdAt'> & { createdAt: Date }): CommissionCandidate {
  return {
    ruleId: r.id,
    version: r.version,
    scope: r.scope,
    vendorId: r.vendorId,
    categoryId: r.categoryId,
    categoryPath: r.categoryPath,
    productId: r.productId,
    kind: r.kind,
    rateBps: r.rateBps,
    amounts: r.amounts,
    minAmounts: r.minAmounts,
    maxAmounts: r.maxAmounts,
    validFrom: r.validFrom,
    validTo: r.validTo,
    priority: r.priority,
    enabled: r.enabled,
    vendorGmv30dMinMinor: r.vendorGmv30dMinMinor,
    createdAt: r.createdAt,
  };
}
