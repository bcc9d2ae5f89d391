import type { TenantTx } from '@agora/db';
import { and, eq, gte, inArray, lt, notInArray, or, sql } from 'drizzle-orm';
import type { CommissionCandidate } from './choose-commission.js';

/** Orders that count as trade: everything not called off. */
const CALLED_OFF = ['cancelled', 'rejected'] as const;
export const GMV_WINDOW_MS = 30 * 86_400_000;

/**
 * The current versions of the enabled rules that can apply to lines of these vendors and
 * products: one query per checkout, not per line. Marketplace and category rules are always
 * loaded (a category rule's match is by path, decided by the pure function).
 */
export async function loadCandidates(
  { db, t }: TenantTx,
  scope: { vendorIds: string[]; productIds: string[] },
): Promise<CommissionCandidate[]> {
  const v = t.commissionRuleVersions;
  const rows = await db
    .select({
      ruleId: v.ruleId,
      version: v.version,
      scope: v.scope,
      vendorId: v.vendorId,
      categoryId: v.categoryId,
      categoryPath: t.categories.path,
      productId: v.productId,
      kind: v.kind,
      rateBps: v.rateBps,
      amounts: v.amounts,
      minAmounts: v.minAmounts,
      maxAmounts: v.maxAmounts,
      validFrom: v.validFrom,
      validTo: v.validTo,
      priority: v.priority,
      enabled: v.enabled,
      vendorGmv30dMinMinor: v.vendorGmv30dMinMinor,
      createdAt: v.createdAt,
    })
    .from(v)
    .innerJoin(
      t.commissionRules,
      and(eq(t.commissionRules.id, v.ruleId), eq(t.commissionRules.currentVersion, v.version)),
    )
    .leftJoin(t.categories, eq(t.categories.id, v.categoryId))
    .where(
      and(
        eq(t.commissionRules.enabled, true),
        or(
          inArray(v.scope, ['marketplace', 'category']),
          scope.vendorIds.length ? inArray(v.vendorId, scope.vendorIds) : undefined,
          scope.productIds.length ? inArray(v.productId, scope.productIds) : undefined,
        ),
      ),
    );
  return rows;
}

/**
 * Each vendor's trailing 30-day GMV in `currency` before `at`: the subtotals (net of tax and
 * shipping) of its orders placed in the window and not called off. One grouped query.
 */
export async function vendorGmv30d(
  { db, t }: TenantTx,
  vendorIds: string[],
  currency: string,
  at: Date,
): Promise<Map<string, number>> {
  if (!vendorIds.length) return new Map();
  const rows = await db
    .select({ vendorId: t.orders.vendorId, gmv: sql<string>`sum(${t.orders.subtotalMinor})` })
    .from(t.orders)
    .where(
      and(
        inArray(t.orders.vendorId, vendorIds),
        eq(t.orders.currency, currency),
        gte(t.orders.placedAt, new Date(at.getTime() - GMV_WINDOW_MS)),
        lt(t.orders.placedAt, at),
        notInArray(t.orders.status, [...CALLED_OFF]),
      ),
    )
    .groupBy(t.orders.vendorId);
  return new Map(rows.map((r) => [r.vendorId, Number(r.gmv)]));
}
