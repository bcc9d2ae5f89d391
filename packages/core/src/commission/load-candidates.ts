import type { TenantTx } from '@agora/db';
import { and, eq, gte, inArray, lt, notInArray, or, sql } from 'drizzle-orm';
import type { CommissionCandidate } from './choose-commission.js';

/** Orders that count as trade: everything not called off. */
const CALLED_OFF = ['cancelled', 'rejected'] as const;
export const GMV_WINDOW_MS = 30 * 86_400_000;

/** A marketplace with more rules than this reads the ones a checkout needs per checkout. */
const KEPT_RULES_MAX = 2_000;
/** Marketplaces whose rules are kept in this process; the least recently used go first. */
const KEPT_MARKETPLACES_MAX = 1_000;
const kept = new Map<string, { version: number; rules: CommissionCandidate[] }>();

type LineScope = { vendorIds: string[]; productIds: string[] };

/**
 * The current versions of the enabled rules that can apply to lines of these vendors and
 * products (marketplace and category rules always: a category rule matches by path, decided by
 * the pure function).
 *
 * Rules in memory (ADR 0037): a marketplace's rules are kept in this process under the
 * `commission_version` they were read at, and used while the version placement read with its
 * settings (`version`) is still theirs; any committed change to a rule, a rule version or a
 * category raises it. Kept per tenant id, so one marketplace's rules never serve another's
 * checkout. With no version (null), or more than KEPT_RULES_MAX rules, the checkout's rules are
 * read from the database each time.
 */
export async function loadCandidates(
  tx: TenantTx,
  scope: LineScope,
  version: number | null,
): Promise<CommissionCandidate[]> {
  if (version === null) return (await currentRules(tx, { scope })).rules;
  const hit = kept.get(tx.tenant.id);
  if (hit?.version === version) {
    kept.delete(tx.tenant.id);
    kept.set(tx.tenant.id, hit);
    return applicable(hit.rules, scope);
  }
  const all = await currentRules(tx, { limit: KEPT_RULES_MAX + 1 });
  if (all.rules.length > KEPT_RULES_MAX) return (await currentRules(tx, { scope })).rules;
  if (all.version !== null) {
    kept.delete(tx.tenant.id);
    kept.set(tx.tenant.id, { version: all.version, rules: all.rules });
    if (kept.size > KEPT_MARKETPLACES_MAX) kept.delete(kept.keys().next().value as string);
  }
  return applicable(all.rules, scope);
}

/** The rules the SQL filter of `currentRules` would have returned for these lines. */
function applicable(rules: CommissionCandidate[], scope: LineScope): CommissionCandidate[] {
  const vendors = new Set(scope.vendorIds);
  const products = new Set(scope.productIds);
  return rules.filter(
    (r) =>
      r.scope === 'marketplace' ||
      r.scope === 'category' ||
      (r.vendorId !== null && vendors.has(r.vendorId)) ||
      (r.productId !== null && products.has(r.productId)),
  );
}

/** The enabled rules' current versions (for some lines, or all up to a limit), and the rules' version in the same snapshot. */
async function currentRules(
  { db, t }: TenantTx,
  only: { scope: LineScope } | { limit: number },
): Promise<{ rules: CommissionCandidate[]; version: number | null }> {
  const v = t.commissionRuleVersions;
  const query = db
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
      rulesVersion: sql<string | null>`(select cv.version from ${t.commissionVersion} cv where cv.id = 1)`,
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
        'scope' in only
          ? or(
              inArray(v.scope, ['marketplace', 'category']),
              only.scope.vendorIds.length ? inArray(v.vendorId, only.scope.vendorIds) : undefined,
              only.scope.productIds.length ? inArray(v.productId, only.scope.productIds) : undefined,
            )
          : undefined,
      ),
    );
  const rows = 'limit' in only ? await query.limit(only.limit) : await query;
  const first = rows[0]?.rulesVersion;
  return {
    rules: rows.map(({ rulesVersion: _, ...rule }) => rule),
    version: first === undefined || first === null ? null : Number(first),
  };
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
