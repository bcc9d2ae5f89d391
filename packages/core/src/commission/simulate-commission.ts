import {
  AppError,
  type CommissionDraftChange,
  type CommissionRuleBody,
  type CommissionSimulateBody,
  type CommissionSimulation,
} from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { inArray, type SQL, sql } from 'drizzle-orm';
import { type CommissionCandidate, candidatesFor, commissionFor } from './choose-commission.js';
import { checkReferences } from './manage-rules.js';
import { candidateOf, selectRules } from './rule-store.js';

const DAY_MS = 86_400_000;
export const SIMULATE_DEFAULT_DAYS = 90;

/**
 * Simulate a draft of rule changes over the orders placed in `[from, to)` (ADR 0037):
 * commission per vendor and in total under the rules as they are ("before") and with the draft
 * ("after"), beside what was frozen on those orders ("charged"). Read-only: nothing is written.
 *
 * Fast because the pure function's answer for a line depends only on (product, quantity, net
 * amount, currency) and on which rules are valid and which GMV thresholds are met at placement.
 * One SQL statement groups the lines by exactly that, where time is cut at every rule's
 * `valid_from`/`valid_to` (`width_bucket`) and GMV at every threshold: each group is computed
 * once, by the same pure function placement uses, and multiplied by its line count. Lines of
 * cancelled or rejected orders are left out (their commission was reversed).
 */
export async function simulateCommission(
  database: Database,
  tenant: TenantRef,
  body: CommissionSimulateBody,
  now = new Date(),
): Promise<CommissionSimulation> {
  const to = body.to ?? now;
  const from = body.from ?? new Date(to.getTime() - SIMULATE_DEFAULT_DAYS * DAY_MS);
  return withTenant(database, tenant, async (tx) => {
    const rows = await selectRules(tx, []);
    const before = rows.map(candidateOf);
    const after = await applyDraft(tx, before, rows, body.changes, now);
    const rules = [...before, ...after];
    // Disabled rules never apply: their dates and conditions split nothing.
    const live = rules.filter((r) => r.enabled);
    const bounds = [
      ...new Set(
        live
          .flatMap((r) => [r.validFrom, r.validTo])
          .filter((d) => d !== null)
          .map((d) => d.toISOString()),
      ),
    ].sort();
    const thresholds = [...new Set(live.flatMap((r) => Object.values(r.vendorGmv30dMinMinor ?? {})))].sort(
      (a, b) => a - b,
    );
    const conditional = live.filter((r) => r.vendorGmv30dMinMinor);
    const gmvVendors = conditional.every((r) => r.vendorId)
      ? [...new Set(conditional.map((r) => r.vendorId as string))]
      : ('all' as const);
    const groups = await groupLines(tx, { from, to, bounds, thresholds, gmvVendors });

    type Sum = { lines: number; beforeMinor: number; afterMinor: number; chargedMinor: number };
    const byVendor = new Map<string, Sum & { vendorId: string; currency: string }>();
    const totals = new Map<string, Sum & { currency: string }>();
    // The rules whose scope covers each product, narrowed once per product.
    const byProduct = new Map<string, { before: CommissionCandidate[]; after: CommissionCandidate[] }>();
    for (const g of groups) {
      const line = {
        productId: g.productId,
        vendorId: g.vendorId,
        categoryPath: g.categoryPath,
        currency: g.currency,
        qty: g.qty,
        netMinor: Number(g.netMinor),
      };
      const gmv = Number(g.gmv ?? 0);
      const ctx = { at: new Date(g.at), vendorGmv30dMinor: () => gmv };
      const n = Number(g.n);
      let narrowed = byProduct.get(g.productId);
      if (!narrowed) {
        narrowed = { before: candidatesFor(line, before), after: candidatesFor(line, after) };
        byProduct.set(g.productId, narrowed);
      }
      const b = commissionFor(line, narrowed.before, ctx).amountMinor * n;
      const a = commissionFor(line, narrowed.after, ctx).amountMinor * n;
      const charged = Number(g.charged);
      const key = `${g.vendorId}|${g.currency}`;
      const v = byVendor.get(key) ?? {
        vendorId: g.vendorId,
        currency: g.currency,
        lines: 0,
        beforeMinor: 0,
        afterMinor: 0,
        chargedMinor: 0,
      };
      const t = totals.get(g.currency) ?? {
        currency: g.currency,
        lines: 0,
        beforeMinor: 0,
        afterMinor: 0,
        chargedMinor: 0,
      };
      for (const s of [v, t]) {
        s.lines += n;
        s.beforeMinor += b;
        s.afterMinor += a;
        s.chargedMinor += charged;
      }
      byVendor.set(key, v);
      totals.set(g.currency, t);
    }
    const vendorIds = [...new Set([...byVendor.values()].map((v) => v.vendorId))];
    const names = new Map(
      vendorIds.length
        ? (
            await tx.db
              .select({ id: tx.t.vendors.id, name: tx.t.vendors.name })
              .from(tx.t.vendors)
              .where(inArray(tx.t.vendors.id, vendorIds))
          ).map((v) => [v.id, v.name])
        : [],
    );
    const withDiff = <S extends Sum>(s: S) => ({ ...s, diffMinor: s.afterMinor - s.beforeMinor });
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      vendors: [...byVendor.values()]
        .map((v) => withDiff({ ...v, vendorName: names.get(v.vendorId) ?? v.vendorId }))
        .sort(
          (a, b) =>
            Math.abs(b.afterMinor - b.beforeMinor) - Math.abs(a.afterMinor - a.beforeMinor) ||
            a.vendorName.localeCompare(b.vendorName),
        ),
      totals: [...totals.values()].map(withDiff).sort((a, b) => a.currency.localeCompare(b.currency)),
    };
  });
}

/** The rules with the draft applied (each change checked; problems by field, `changes.N.…`). */
async function applyDraft(
  tx: TenantTx,
  current: CommissionCandidate[],
  rows: Awaited<ReturnType<typeof selectRules>>,
  changes: CommissionDraftChange[],
  now: Date,
): Promise<CommissionCandidate[]> {
  const rules = new Map(current.map((c) => [c.ruleId, c]));
  const isDefault = new Set(rows.filter((r) => r.isDefault).map((r) => r.id));
  const paths = new Map<string, string>();
  const needPaths = changes.flatMap((c) => ('rule' in c && c.rule.categoryId ? [c.rule.categoryId] : []));
  if (needPaths.length)
    for (const c of await tx.db
      .select({ id: tx.t.categories.id, path: tx.t.categories.path })
      .from(tx.t.categories)
      .where(inArray(tx.t.categories.id, needPaths)))
      paths.set(c.id, c.path);
  const problem = (i: number, path: string, message: string) =>
    new AppError('validation_failed', 'Please check the draft', {
      fields: [{ path: `changes.${i}.${path}`, message }],
    });
  const fromBody = (ruleId: string, version: number, r: CommissionRuleBody): CommissionCandidate => ({
    ruleId,
    version,
    scope: r.scope,
    vendorId: r.vendorId ?? null,
    categoryId: r.categoryId ?? null,
    categoryPath: r.categoryId ? (paths.get(r.categoryId) ?? null) : null,
    productId: r.productId ?? null,
    kind: r.kind,
    rateBps: r.kind === 'percent' ? (r.rateBps ?? 0) : null,
    amounts: r.kind === 'percent' ? {} : r.amounts,
    minAmounts: r.minAmounts,
    maxAmounts: r.maxAmounts,
    validFrom: r.validFrom ?? null,
    validTo: r.validTo ?? null,
    priority: r.priority,
    enabled: r.enabled,
    vendorGmv30dMinMinor:
      r.vendorGmv30dMinMinor && Object.keys(r.vendorGmv30dMinMinor).length ? r.vendorGmv30dMinMinor : null,
    createdAt: now,
  });
  for (const [i, change] of changes.entries()) {
    if ('rule' in change) {
      try {
        await checkReferences(tx, change.rule);
      } catch (e) {
        const field = (e as AppError).details as { fields?: { path: string; message: string }[] } | undefined;
        const first = field?.fields?.[0];
        throw first ? problem(i, `rule.${first.path}`, first.message) : e;
      }
    }
    if (change.action === 'add') {
      rules.set(`draft_${i}`, fromBody(`draft_${i}`, 1, change.rule));
      continue;
    }
    const existing = rules.get(change.ruleId);
    if (!existing) throw problem(i, 'ruleId', 'no commission rule with this id');
    if (change.action === 'edit') {
      if (isDefault.has(change.ruleId) && change.rule.scope !== 'marketplace')
        throw problem(i, 'rule.scope', 'the marketplace default applies to the whole marketplace');
      rules.set(change.ruleId, fromBody(change.ruleId, existing.version + 1, change.rule));
    } else {
      if (isDefault.has(change.ruleId) && change.action === 'disable')
        throw problem(i, 'ruleId', 'the marketplace default cannot be disabled');
      rules.set(change.ruleId, {
        ...existing,
        version: existing.version + 1,
        enabled: change.action === 'enable',
        createdAt: now,
      });
    }
  }
  return [...rules.values()];
}

type LineGroup = {
  productId: string;
  vendorId: string;
  categoryPath: string | null;
  currency: string;
  qty: number;
  netMinor: string;
  at: string;
  gmv: string | null;
  n: string;
  charged: string;
};

/**
 * The range's lines grouped by everything the winner depends on (one statement): lines are
 * aggregated first on narrow keys (product, currency, quantity, net, time and GMV buckets), and
 * only the groups meet products and categories. The vendor's trailing 30-day GMV before each
 * order (`[placed_at - 30 days, placed_at)`, what placement reads) is a moving window sum, only
 * when a rule has a GMV condition; orders from 30 days before the range take part in it.
 */
async function groupLines(
  { db, t }: TenantTx,
  p: { from: Date; to: Date; bounds: string[]; thresholds: number[]; gmvVendors: string[] | 'all' },
): Promise<LineGroup[]> {
  const from = p.from.toISOString();
  const to = p.to.toISOString();
  const period = p.bounds.length
    ? sql`width_bucket(o.placed_at, ${`{${p.bounds.join(',')}}`}::timestamptz[])`
    : sql`0`;
  const withGmv = p.thresholds.length > 0;
  const inRange = sql`placed_at >= ${from}::timestamptz and placed_at < ${to}::timestamptz`;
  const gmvOver = (vendors: SQL) => sql`
    select id, currency, placed_at, status,
      coalesce(sum(subtotal_minor) filter (where status not in ('cancelled', 'rejected')) over (
        partition by vendor_id collate "C", currency collate "C" order by placed_at
        range between interval '30 days' preceding and interval '1 microsecond' preceding), 0) as gmv
    from ${t.orders}
    where placed_at >= ${new Date(p.from.getTime() - 30 * DAY_MS).toISOString()}::timestamptz
      and placed_at < ${to}::timestamptz ${vendors}`;
  // When every GMV condition is on a vendor's own rule, only those vendors' GMV can matter.
  const source = !withGmv
    ? sql`(select id, currency, placed_at, status, null::bigint as gmv from ${t.orders} where ${inRange})`
    : p.gmvVendors === 'all'
      ? sql`(select w.* from (${gmvOver(sql``)}) w where w.placed_at >= ${from}::timestamptz)`
      : sql`(select o.id, o.currency, o.placed_at, o.status, coalesce(w.gmv, 0) as gmv
           from ${t.orders} o
           left join (${gmvOver(sql`and vendor_id = any(${`{${p.gmvVendors.join(',')}}`}::text[])`)}) w on w.id = o.id
           where o.placed_at >= ${from}::timestamptz and o.placed_at < ${to}::timestamptz)`;
  const tier = withGmv ? sql`width_bucket(o.gmv, ${`{${p.thresholds.join(',')}}`}::bigint[])` : sql`0`;
  // Enough memory for the aggregate to hash its groups instead of sorting every line.
  await db.execute(sql`set local work_mem = '32MB'`);
  const stmt = sql`
    select g.product_id as "productId", p.vendor_id as "vendorId", c.path as "categoryPath",
      g.currency, g.qty, g.net_minor as "netMinor", g.at, g.gmv, g.n, g.charged
    from (
      select l.product_id, o.currency, l.qty, l.net_minor, ${period} as period, ${tier} as tier,
        min(o.placed_at) as at, min(o.gmv) as gmv, count(*) as n, sum(l.commission_minor) as charged
      from ${source} o
      join ${t.orderLines} l on l.order_id = o.id
      where o.status not in ('cancelled', 'rejected')
      group by 1, 2, 3, 4, 5, 6
    ) g
    join ${t.products} p on p.id = g.product_id
    left join ${t.categories} c on c.id = p.category_id`;
  const result = await db.execute<LineGroup>(stmt);
  return result.rows;
}
