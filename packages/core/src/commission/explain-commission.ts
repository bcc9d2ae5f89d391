import {
  AppError,
  type CommissionExplanation,
  type CommissionPreview,
  type CommissionPreviewBody,
} from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { loadTiers } from '../catalog/products/product-view.js';
import { quote } from '../pricing/tiers.js';
import { type CommissionCandidate, type CommissionLine, chooseCommission } from './choose-commission.js';
import { vendorGmv30d } from './load-candidates.js';
import { candidateOf, ruleView, selectRules } from './rule-store.js';

/** A product at a quantity, priced as a checkout would price it now. */
async function lineFor(tx: TenantTx, productId: string, qty: number) {
  const { db, t } = tx;
  const [p] = await db
    .select({
      id: t.products.id,
      title: t.products.title,
      vendorId: t.products.vendorId,
      currency: t.products.currency,
      minOrderQty: t.products.minOrderQty,
      orderIncrement: t.products.orderIncrement,
      basePriceMinor: t.products.basePriceMinor,
      categoryPath: t.categories.path,
    })
    .from(t.products)
    .leftJoin(t.categories, eq(t.categories.id, t.products.categoryId))
    .where(eq(t.products.id, productId));
  if (!p)
    throw new AppError('validation_failed', 'Please check the product', {
      fields: [{ path: 'productId', message: 'no product with this id in this marketplace' }],
    });
  const q = quote({ ...p, tiers: (await loadTiers(tx, [p.id])).get(p.id) ?? [] }, qty);
  if (!q.ok)
    throw new AppError('validation_failed', 'Please check the quantity', {
      fields: [{ path: 'qty', message: q.reason }],
    });
  const line: CommissionLine = {
    productId: p.id,
    vendorId: p.vendorId,
    categoryPath: p.categoryPath,
    currency: p.currency,
    qty,
    netMinor: q.totalMinor,
  };
  return { line, title: p.title };
}

/** Every rule (disabled ones too: the explanation says so), current versions, with names. */
async function everyRule(tx: TenantTx) {
  return selectRules(tx, []);
}

async function contextFor(tx: TenantTx, line: CommissionLine, at: Date) {
  const gmv = (await vendorGmv30d(tx, [line.vendorId], line.currency, at)).get(line.vendorId) ?? 0;
  return { at, vendorGmv30dMinor: () => gmv, gmv };
}

/** Explain: for a product and quantity now, every rule and why it won, lost or did not apply. */
export async function explainCommission(
  database: Database,
  tenant: TenantRef,
  input: { productId: string; qty: number; at?: Date },
): Promise<CommissionExplanation> {
  return withTenant(database, tenant, async (tx) => {
    const { line, title } = await lineFor(tx, input.productId, input.qty);
    const rows = await everyRule(tx);
    const ctx = await contextFor(tx, line, input.at ?? new Date());
    const { winner, verdicts } = chooseCommission(line, rows.map(candidateOf), ctx);
    const order = { won: 0, lost: 1, not_applicable: 2 };
    return {
      productId: line.productId,
      productTitle: title,
      vendorId: line.vendorId,
      qty: line.qty,
      currency: line.currency,
      netMinor: line.netMinor,
      vendorGmv30dMinor: ctx.gmv,
      commission: winner,
      candidates: verdicts
        .map((v, i) => ({ ...v, rule: ruleView(rows[i] as (typeof rows)[number]) }))
        .sort((a, b) => order[a.outcome] - order[b.outcome])
        .map(({ ruleId: _r, version: _v, ...v }) => v),
    };
  });
}

/**
 * Preview: the commission on a product at a quantity now, and what a draft rule (the form being
 * filled in, replacing `ruleId` when it edits one) would give and whether it would win.
 */
export async function previewCommission(
  database: Database,
  tenant: TenantRef,
  input: CommissionPreviewBody & { at?: Date },
): Promise<CommissionPreview> {
  return withTenant(database, tenant, async (tx) => {
    const { line, title } = await lineFor(tx, input.productId, input.qty);
    const rows = await everyRule(tx);
    const at = input.at ?? new Date();
    const ctx = await contextFor(tx, line, at);
    const current = rows.map(candidateOf);
    const now = chooseCommission(line, current, ctx).winner;
    let result = now;
    let draft: {
      amount: number | null;
      cap: CommissionPreview['draftCap'];
      wins: boolean;
      reason: CommissionPreview['draftReason'];
    } = {
      amount: null,
      cap: null,
      wins: false,
      reason: null,
    };
    if (input.rule) {
      const categoryPath = input.rule.categoryId
        ? ((
            await tx.db
              .select({ path: tx.t.categories.path })
              .from(tx.t.categories)
              .where(eq(tx.t.categories.id, input.rule.categoryId))
          )[0]?.path ?? null)
        : null;
      const r = input.rule;
      const candidate: CommissionCandidate = {
        ruleId: input.ruleId ?? 'draft',
        version: Number.MAX_SAFE_INTEGER,
        scope: r.scope,
        vendorId: r.vendorId ?? null,
        categoryId: r.categoryId ?? null,
        categoryPath,
        productId: r.productId ?? null,
        kind: r.kind,
        rateBps: r.kind === 'percent' ? (r.rateBps ?? 0) : null,
        amounts: r.amounts ?? {},
        minAmounts: r.minAmounts ?? {},
        maxAmounts: r.maxAmounts ?? {},
        validFrom: r.validFrom ?? null,
        validTo: r.validTo ?? null,
        priority: r.priority ?? 0,
        // A preview says what the rule gives when it is on, even while the form leaves it disabled.
        enabled: true,
        vendorGmv30dMinMinor: r.vendorGmv30dMinMinor ?? null,
        createdAt: at,
      };
      const others = current.filter((c) => c.ruleId !== input.ruleId);
      const choice = chooseCommission(line, [...others, candidate], ctx);
      const verdict = choice.verdicts.at(-1);
      result = choice.winner;
      draft = {
        amount: verdict?.amountMinor ?? null,
        cap: verdict?.cap ?? null,
        wins: verdict?.outcome === 'won',
        reason: verdict?.outcome === 'won' ? null : (verdict?.reason ?? null),
      };
    }
    return {
      productId: line.productId,
      productTitle: title,
      vendorId: line.vendorId,
      qty: line.qty,
      currency: line.currency,
      netMinor: line.netMinor,
      commission: result,
      currentAmountMinor: now.amountMinor,
      draftAmountMinor: draft.amount,
      draftCap: draft.cap,
      draftWins: draft.wins,
      draftReason: draft.reason,
    };
  });
}
