import type {
  CompanyReceivable,
  OpenInvoice,
  PageQuery,
  PayablesPage,
  ReceivablesPage,
  RevenueDashboard,
  RevenueQuery,
} from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { and, asc, eq, gt, gte, inArray, lt, notInArray, sql } from 'drizzle-orm';
import { getCommerceSettings } from '../commerce/commerce-settings.js';
import { decodeCursor, encodeCursor } from '../keyset-cursor.js';
import { accountBalance } from './balances.js';
import { addDays, dayEnd, dayOf, dayStart } from './days.js';
import { vendorBalancesIn } from './vendor-balance.js';

const CALLED_OFF = ['cancelled', 'rejected'] as const;
const MAX_DENSE_DAYS = 400;
const ratioBps = (part: number, whole: number) => (whole > 0 ? Math.round((part * 10_000) / whole) : 0);

/**
 * The operator's revenue over a range of marketplace days (default: the last 30) in one currency
 * (default: the marketplace's). Commission comes from the ledger's commission account, net of
 * reversals, by the day it was booked, by the vendor of its order and by category (each order's
 * booked commission split over its lines' categories, `commissionByCategory`), so the three views
 * add up to the same total; GMV is the net goods value of orders placed in the range and not
 * called off.
 */
export async function getRevenueDashboard(
  database: Database,
  tenant: TenantRef,
  query: RevenueQuery,
  now = new Date(),
): Promise<RevenueDashboard> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const settings = await getCommerceSettings(tx);
    const tz = settings.timeZone;
    const currency = query.currency ?? settings.currency;
    const to = query.to ?? dayOf(now, tz);
    const from = query.from ?? addDays(to, -29);
    const start = dayStart(from, tz);
    const end = dayEnd(to, tz);
    const e = t.ledgerEntries;
    const tr = t.ledgerTransactions;
    const inRange = and(
      eq(t.ledgerAccounts.kind, 'commission_revenue'),
      eq(t.ledgerAccounts.currency, currency),
      gte(tr.occurredAt, start),
      lt(tr.occurredAt, end),
    );
    const day = sql<string>`to_char(${tr.occurredAt} at time zone ${tz}, 'YYYY-MM-DD')`;
    const byDayRows = await db
      .select({ day, sum: sql<string>`-sum(${e.amountMinor})` })
      .from(e)
      .innerJoin(t.ledgerAccounts, eq(t.ledgerAccounts.id, e.accountId))
      .innerJoin(tr, eq(tr.id, e.transactionId))
      .where(inRange)
      // by position: the time zone is a parameter, and two placeholders are two expressions
      .groupBy(sql`1`)
      .orderBy(sql`1`);
    const byVendorRows = await db
      .select({
        vendorId: t.orders.vendorId,
        vendorName: t.vendors.name,
        sum: sql<string>`-sum(${e.amountMinor})`,
      })
      .from(e)
      .innerJoin(t.ledgerAccounts, eq(t.ledgerAccounts.id, e.accountId))
      .innerJoin(tr, eq(tr.id, e.transactionId))
      .innerJoin(t.orders, eq(t.orders.id, e.orderId))
      .innerJoin(t.vendors, eq(t.vendors.id, t.orders.vendorId))
      .where(inRange)
      .groupBy(t.orders.vendorId, t.vendors.name)
      .orderBy(sql`-sum(${e.amountMinor}) desc`, asc(t.orders.vendorId));
    const placed = and(
      eq(t.orders.currency, currency),
      gte(t.orders.placedAt, start),
      lt(t.orders.placedAt, end),
      notInArray(t.orders.status, [...CALLED_OFF]),
    );
    const [gmv] = await db
      .select({ sum: sql<string>`coalesce(sum(${t.orders.subtotalMinor}), 0)` })
      .from(t.orders)
      .where(placed);
    const byCategoryRows = await commissionByCategory(tx, currency, start, end);
    const byDayMap = new Map(byDayRows.map((r) => [r.day, Number(r.sum)]));
    // Every day of the range (up to MAX_DENSE_DAYS of them); a longer range lists only the days
    // with commission, so the days still add up to the total.
    const byDay: RevenueDashboard['byDay'] = [];
    if (addDays(from, MAX_DENSE_DAYS) > to)
      for (let d = from; d <= to; d = addDays(d, 1))
        byDay.push({ day: d, commissionMinor: byDayMap.get(d) ?? 0 });
    else for (const r of byDayRows) byDay.push({ day: r.day, commissionMinor: Number(r.sum) });
    const commissionMinor = byDayRows.reduce((s, r) => s + Number(r.sum), 0);
    const gmvMinor = Number(gmv?.sum ?? 0);
    return {
      currency,
      from,
      to,
      commissionMinor,
      gmvMinor,
      averageRateBps: ratioBps(commissionMinor, gmvMinor),
      byDay,
      byVendor: byVendorRows.map((r) => ({
        vendorId: r.vendorId,
        vendorName: r.vendorName,
        commissionMinor: Number(r.sum),
      })),
      byCategory: byCategoryRows.map((r) => ({
        categoryId: r.categoryId,
        categoryName: r.categoryName,
        commissionMinor: Number(r.sum),
      })),
    };
  });
}

/**
 * Commission booked in the range by product category, from the ledger like the other views: the
 * commission account's entries in the range, summed per order (placement minus reversals), each
 * order's sum split over the categories of its lines in proportion to their frozen commission
 * (to their net amount when the lines carry none), by cumulative rounding (half away from zero)
 * so the parts add up to exactly the order's sum. A cancelled order's reversal comes off the
 * categories its commission was booked in, a partial one proportionally, on the day it was
 * booked. Entries of no order, or of an order without lines, are "Uncategorized". The category
 * is the product's category now.
 */
async function commissionByCategory(
  { db, t }: TenantTx,
  currency: string,
  start: Date,
  end: Date,
): Promise<{ categoryId: string | null; categoryName: string; sum: string }[]> {
  const e = t.ledgerEntries;
  const result = await db.execute<{ categoryId: string | null; categoryName: string; sum: string }>(sql`
    with booked as (
      select ${e.orderId} as order_id, -sum(${e.amountMinor}) as amount
      from ${e}
      join ${t.ledgerAccounts} a on a.id = ${e.accountId}
      join ${t.ledgerTransactions} tr on tr.id = ${e.transactionId}
      where a.kind = 'commission_revenue' and a.currency = ${currency}
        and tr.occurred_at >= ${start.toISOString()}::timestamptz
        and tr.occurred_at < ${end.toISOString()}::timestamptz
      group by ${e.orderId}
    ),
    per_category as (
      select l.order_id, p.category_id, sum(l.commission_minor) as commission, sum(l.net_minor) as net
      from ${t.orderLines} l
      left join ${t.products} p on p.id = l.product_id
      where l.order_id in (select order_id from booked where order_id is not null)
      group by l.order_id, p.category_id
    ),
    weighted as (
      select order_id, category_id,
        case when sum(commission) over w > 0 then commission
             when sum(net) over w > 0 then net
             else 1 end as weight
      from per_category
      window w as (partition by order_id)
    ),
    cumulative as (
      select order_id, category_id, weight,
        sum(weight) over (partition by order_id order by category_id nulls first) as upto,
        sum(weight) over (partition by order_id) as total
      from weighted
    ),
    parts as (
      select c.category_id,
        case when c.order_id is null then b.amount
             else round(b.amount::numeric * c.upto / c.total)
                - round(b.amount::numeric * (c.upto - c.weight) / c.total) end as amount
      from booked b
      left join cumulative c on c.order_id = b.order_id
    )
    select parts.category_id as "categoryId", coalesce(cat.name, 'Uncategorized') as "categoryName",
           sum(parts.amount)::bigint::text as sum
    from parts
    left join ${t.categories} cat on cat.id = parts.category_id
    group by parts.category_id, cat.name
    order by sum(parts.amount) desc, parts.category_id nulls last`);
  return result.rows;
}

const afterId = (cursor: string | undefined) =>
  cursor === undefined ? null : (decodeCursor(cursor, 1)[0] as string);

/**
 * Receivables by buyer company (keyset by company id): what each owes per currency (its
 * receivable account's balance) and its open invoices, the overdue ones first. Due: net terms,
 * placed + net days (a marketplace day, due at its end); prepay, the day it was placed.
 */
export async function listReceivables(
  database: Database,
  tenant: TenantRef,
  query: PageQuery,
  now = new Date(),
): Promise<ReceivablesPage> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const { timeZone } = await getCommerceSettings(tx);
    const after = afterId(query.cursor);
    const companies = await db
      .selectDistinct({ id: t.ledgerAccounts.ownerId })
      .from(t.ledgerAccounts)
      .where(
        and(
          eq(t.ledgerAccounts.kind, 'company_receivable'),
          after === null ? undefined : gt(t.ledgerAccounts.ownerId, after),
        ),
      )
      .orderBy(asc(t.ledgerAccounts.ownerId))
      .limit(query.limit + 1);
    const ids = companies.slice(0, query.limit).map((c) => c.id as string);
    if (ids.length === 0) return { data: [], nextCursor: null };
    const accounts = await db
      .select({
        companyId: t.ledgerAccounts.ownerId,
        companyName: t.companies.legalName,
        currency: t.ledgerAccounts.currency,
        balance: accountBalance(tx),
      })
      .from(t.ledgerAccounts)
      .innerJoin(t.companies, eq(t.companies.id, t.ledgerAccounts.ownerId))
      .where(and(eq(t.ledgerAccounts.kind, 'company_receivable'), inArray(t.ledgerAccounts.ownerId, ids)))
      .orderBy(asc(t.ledgerAccounts.ownerId), asc(t.ledgerAccounts.currency));
    const open = await db
      .select({
        orderId: t.orders.id,
        companyId: t.orders.companyId,
        currency: t.orders.currency,
        placedAt: t.orders.placedAt,
        paymentTerms: t.orders.paymentTerms,
        netDays: t.orders.netDays,
        outstanding: sql<string>`sum(${t.ledgerEntries.amountMinor})`,
      })
      .from(t.ledgerEntries)
      .innerJoin(t.ledgerAccounts, eq(t.ledgerAccounts.id, t.ledgerEntries.accountId))
      .innerJoin(t.orders, eq(t.orders.id, t.ledgerEntries.orderId))
      .where(and(eq(t.ledgerAccounts.kind, 'company_receivable'), inArray(t.ledgerAccounts.ownerId, ids)))
      .groupBy(t.orders.id)
      .having(sql`sum(${t.ledgerEntries.amountMinor}) > 0`)
      .orderBy(asc(t.orders.placedAt), asc(t.orders.id));
    const today = dayOf(now, timeZone);
    const invoices = new Map<string, OpenInvoice[]>();
    for (const o of open) {
      const placedDay = dayOf(o.placedAt, timeZone);
      const dueOn = o.paymentTerms === 'net' ? addDays(placedDay, o.netDays) : placedDay;
      const k = `${o.companyId}|${o.currency}`;
      const list = invoices.get(k) ?? [];
      list.push({
        orderId: o.orderId,
        placedAt: o.placedAt.toISOString(),
        paymentTerms: o.paymentTerms,
        dueOn,
        overdue: dueOn < today,
        outstandingMinor: Number(o.outstanding),
      });
      invoices.set(k, list);
    }
    const data: CompanyReceivable[] = accounts.map((a) => {
      const list = (invoices.get(`${a.companyId}|${a.currency}`) ?? []).sort(
        (x, y) => Number(y.overdue) - Number(x.overdue) || x.dueOn.localeCompare(y.dueOn),
      );
      return {
        companyId: a.companyId as string,
        companyName: a.companyName,
        currency: a.currency,
        outstandingMinor: a.balance,
        overdueMinor: list.filter((i) => i.overdue).reduce((s, i) => s + i.outstandingMinor, 0),
        invoices: list,
      };
    });
    const last = ids.at(-1) as string;
    return { data, nextCursor: companies.length > query.limit ? encodeCursor([last]) : null };
  });
}

/** Payables by vendor (keyset by vendor id): pending, available and paid per currency. */
export async function listPayables(
  database: Database,
  tenant: TenantRef,
  query: PageQuery,
): Promise<PayablesPage> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const after = afterId(query.cursor);
    const vendors = await db
      .selectDistinct({ id: t.ledgerAccounts.ownerId, name: t.vendors.name })
      .from(t.ledgerAccounts)
      .innerJoin(t.vendors, eq(t.vendors.id, t.ledgerAccounts.ownerId))
      .where(
        and(
          eq(t.ledgerAccounts.kind, 'vendor_payable'),
          after === null ? undefined : gt(t.ledgerAccounts.ownerId, after),
        ),
      )
      .orderBy(asc(t.ledgerAccounts.ownerId))
      .limit(query.limit + 1);
    const page = vendors.slice(0, query.limit);
    if (page.length === 0) return { data: [], nextCursor: null };
    const names = new Map(page.map((v) => [v.id as string, v.name]));
    const balances = await vendorBalancesIn(tx, [...names.keys()]);
    return {
      data: balances.map((b) => ({ ...b, vendorName: names.get(b.vendorId) ?? '' })),
      nextCursor: vendors.length > query.limit ? encodeCursor([page.at(-1)?.id as string]) : null,
    };
  });
}
