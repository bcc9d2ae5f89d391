import type { TenantRef } from '@agora/db';
import { withTenant } from '@agora/db';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  insertCatalog,
  type TestDatabase,
  testConfig,
} from '@agora/testing';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cancelOrder,
  createRuntime,
  createTenant,
  decideCheckoutApproval,
  placeCheckout,
  type Runtime,
  runProvisioning,
} from '../../src/index.js';

/**
 * Spending-limit accounting over random sequences of place / cancel / approve / decline, run
 * against PostgreSQL and compared step by step with a model of the rule (ADR 0033): a checkout
 * is placed when the member's orders of the period that are not called off, plus it, fit the
 * limit, and waits for approval otherwise; an approval places it whatever the limit (and it
 * counts from then on); a decline keeps nothing; a cancellation stops an order counting.
 * Each sequence runs for a fresh member of a fresh company, so sequences do not meet.
 */
let tdb: TestDatabase;
let rt: Runtime;
let tenant: TenantRef;

beforeAll(async () => {
  tdb = await createTestDatabase();
  rt = await createRuntime(testConfig(tdb.url));
  tenant = await createTenant(
    rt,
    { name: 'Limits', slug: 'limits', ownerEmail: 'o@limits.test' },
    { type: 'system', id: 'test' },
  );
  await runProvisioning(rt, tenant.id, { finalAttempt: true });
  await insertCatalog(rt.database, tenant, {
    vendors: [{ id: 'ven_a', name: 'Alpha Tools' }],
    products: [{ id: 'prd_bolt', vendorId: 'ven_a', title: 'Bolt', basePriceMinor: 100, minOrderQty: 1 }],
  });
  await withTenant(rt.database, tenant, ({ db, t }) =>
    db.update(t.settings).set({
      marketplace: sql`${t.settings.marketplace} || '{"taxBps": 1900, "currency": "EUR", "timeZone": "Europe/Berlin"}'::jsonb`,
    }),
  );
});

afterAll(async () => {
  await rt?.close();
  if (rt) await cleanupRedisPrefix(rt.config.redisUrl, rt.config.queuePrefix);
  await tdb?.drop();
});

type Step =
  | { kind: 'place'; qty: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'approve'; pick: number }
  | { kind: 'decline'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('place' as const), qty: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('approve' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('decline' as const), pick: fc.nat() }),
);

let seq = 0;
async function member(limitMinor: number) {
  const n = ++seq;
  const ids = { company: `cmp_s${n}`, member: `usr_s${n}_m`, approver: `usr_s${n}_a`, address: `adr_s${n}` };
  await withTenant(rt.database, tenant, async ({ db, t }) => {
    await db.insert(t.companies).values({
      id: ids.company,
      legalName: `Sequence ${n} GmbH`,
      country: 'DE',
      taxId: `DE${n}`,
      billingAddress: { line1: 'Street 1', city: 'Berlin', country: 'DE' },
      status: 'approved',
    });
    await db
      .insert(t.companyAddresses)
      .values({ id: ids.address, companyId: ids.company, label: 'Main', address: { line1: 'Dock 4' } });
    await db.insert(t.users).values([
      {
        id: ids.member,
        email: `${ids.member}@limits.test`,
        role: 'buyer_member',
        status: 'active',
        emailVerifiedAt: new Date(),
        companyId: ids.company,
        spendingLimitMinor: limitMinor,
        spendingPeriod: 'month',
      },
      {
        id: ids.approver,
        email: `${ids.approver}@limits.test`,
        role: 'buyer_approver',
        status: 'active',
        emailVerifiedAt: new Date(),
        companyId: ids.company,
      },
    ]);
  });
  return ids;
}

/** What the database counts against the member's limit: their orders not called off. */
const counted = (userId: string) =>
  withTenant(rt.database, tenant, async ({ db, t }) => {
    const [row] = await db
      .select({ sum: sql<string>`coalesce(sum(${t.orders.totalMinor}), 0)` })
      .from(t.orders)
      .where(and(eq(t.orders.buyerUserId, userId), notInArray(t.orders.status, ['cancelled', 'rejected'])));
    return Number(row?.sum ?? 0);
  });

describe('spending limits over random sequences', () => {
  it('place, cancel, approve and decline keep the limit exactly as the model says', async () => {
    let keys = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 500, max: 8_000 }),
        fc.array(step, { minLength: 1, maxLength: 10 }),
        async (limitMinor, steps) => {
          const who = await member(limitMinor);
          let spent = 0;
          const placed: { id: string; total: number }[] = [];
          const waiting: { groupId: string; total: number }[] = [];
          for (const s of steps) {
            if (s.kind === 'place') {
              await withTenant(rt.database, tenant, ({ db, t }) =>
                db
                  .insert(t.cartLines)
                  .values({ userId: who.member, productId: 'prd_bolt', qty: s.qty, unitPriceSeenMinor: 100 }),
              );
              const r = await placeCheckout(rt.database, tenant, {
                buyerUserId: who.member,
                idempotencyKey: `seq-${++keys}`,
                body: { currency: 'EUR', shippingAddressId: who.address },
              });
              if (spent + r.totalMinor <= limitMinor) {
                expect(r.status).toBe('placed');
                spent += r.totalMinor;
                placed.push({ id: r.orderIds[0] as string, total: r.totalMinor });
              } else {
                expect(r.status).toBe('awaiting_approval');
                expect(r.orderIds).toEqual([]);
                waiting.push({ groupId: r.groupId, total: r.totalMinor });
                // A waiting checkout keeps its lines off the cart: the next place starts empty.
                await withTenant(rt.database, tenant, ({ db, t }) =>
                  db.delete(t.cartLines).where(eq(t.cartLines.userId, who.member)),
                );
              }
            } else if (s.kind === 'cancel') {
              if (placed.length === 0) continue;
              const [order] = placed.splice(s.pick % placed.length, 1);
              await cancelOrder(rt.database, tenant, {
                orderId: order?.id as string,
                scope: { actor: 'buyer', userId: who.member, companyId: who.company, wholeCompany: false },
                reason: 'Changed our mind',
              });
              spent -= order?.total ?? 0;
            } else {
              if (waiting.length === 0) continue;
              const [group] = waiting.splice(s.pick % waiting.length, 1);
              const r = await decideCheckoutApproval(rt.database, tenant, {
                approverUserId: who.approver,
                groupId: group?.groupId as string,
                approve: s.kind === 'approve',
                ...(s.kind === 'decline' ? { reason: 'Not this month' } : {}),
              });
              if (s.kind === 'approve') {
                // Approved whatever the limit; from now on it counts like any order.
                expect(r.status).toBe('placed');
                spent += r.totalMinor;
                placed.push({ id: r.orderIds[0] as string, total: r.totalMinor });
              } else {
                expect(r.status).toBe('declined');
                expect(r.orderIds).toEqual([]);
              }
            }
            expect(await counted(who.member)).toBe(spent);
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 240_000);
});
