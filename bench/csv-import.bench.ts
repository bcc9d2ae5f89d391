import { newId } from '@agora/contracts';
import { createTenant, importFileKey, runCatalogImport, runProvisioning } from '@agora/core';
import { withTenant } from '@agora/db';
import { appDatabase, bench, envInt, fmt, percentile, runtime, table, time, verdict } from './lib.js';

/**
 * CSV import of products with three volume tiers each: the import job's rows per second
 * (parse, validate every row, upsert by SKU, replace tiers, index for search, record progress)
 * against a plain multi-row INSERT of the same products and tiers, same run. Goal: >= 0.25.
 */
const ROWS = envInt('BENCH_ROWS', 10_000);
const ROUNDS = envInt('BENCH_ROUNDS', 2);
const HEADER =
  'sku,title,description,category_slug,unit,min_order_qty,order_increment,lead_time_days,stock_qty,currency,base_price,tiers,attributes,status';

await bench('csv-import', async (t) => {
  const rt = await runtime(t, await appDatabase(t));
  const created = await createTenant(
    rt,
    { name: 'Import Bench', slug: 'import-bench', ownerEmail: 'o@ib.test' },
    { type: 'system', id: 'bench' },
  );
  await runProvisioning(rt, created.id, { finalAttempt: true });
  const tenant = { id: created.id, schemaName: created.schemaName };

  const rows = Array.from({ length: ROWS }, (_, i) => ({
    sku: `SKU-${String(i).padStart(6, '0')}`,
    title: `Industrial widget ${i} stainless hydraulic`,
    description: `Widget ${i}, zinc plated, for general industrial use`,
    price: 1000 + (i % 500),
    tiers: [
      [10, 1000 + (i % 500)],
      [100, 900],
      [1000, 800],
    ] as [number, number][],
  }));
  const csv = [
    HEADER,
    ...rows.map(
      (r) =>
        `${r.sku},${r.title},"${r.description}",,piece,10,1,3,500,EUR,${(r.price / 100).toFixed(2)},${r.tiers
          .map(([q, p]) => `${q}:${(p / 100).toFixed(2)}`)
          .join('|')},Material=Steel|Size=M8,published`,
    ),
  ].join('\n');

  const addVendor = (name: string) =>
    withTenant(rt.database, tenant, async ({ db, t: tt }) => {
      const id = newId('ven');
      await db.insert(tt.vendors).values({
        id,
        name,
        legalName: name,
        country: 'DE',
        taxId: 'DE1',
        contactName: 'C',
        contactEmail: `${id}@bench.test`,
        status: 'approved',
        verified: true,
      });
      return id;
    });

  const results: { baseline: number; import: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const baselineVendor = await addVendor(`Baseline ${round}`);
    const importVendor = await addVendor(`Import ${round}`);
    const baseline = await time(async () => {
      for (let i = 0; i < ROWS; i += 1000) {
        await withTenant(rt.database, tenant, async ({ db, t: tt }) => {
          const chunk = rows.slice(i, i + 1000);
          const ids = chunk.map(() => newId('prd'));
          await db.insert(tt.products).values(
            chunk.map((r, k) => ({
              id: ids[k] as string,
              vendorId: baselineVendor,
              sku: r.sku,
              title: r.title,
              description: r.description,
              unit: 'piece',
              minOrderQty: 10,
              leadTimeDays: 3,
              stockQty: 500,
              attributes: [
                { name: 'Material', value: 'Steel' },
                { name: 'Size', value: 'M8' },
              ],
              currency: 'EUR',
              basePriceMinor: r.price,
              status: 'published' as const,
            })),
          );
          await db
            .insert(tt.priceTiers)
            .values(
              chunk.flatMap((r, k) =>
                r.tiers.map(([q, p]) => ({ productId: ids[k] as string, minQty: q, unitPriceMinor: p })),
              ),
            );
        });
      }
    });
    const importId = `imp_bench${round}${'0'.repeat(10)}`;
    await rt.files.put(importFileKey(tenant.id, importId), new TextEncoder().encode(csv), 'text/csv');
    await withTenant(rt.database, tenant, ({ db, t: tt }) =>
      db.insert(tt.catalogImports).values({
        id: importId,
        vendorId: importVendor,
        fileKey: importFileKey(tenant.id, importId),
        status: 'queued',
      }),
    );
    let createdCount = 0;
    const imported = await time(async () => {
      createdCount = (await runCatalogImport(rt, tenant, importId)).createdCount;
    });
    if (createdCount !== ROWS) throw new Error(`import created ${createdCount} of ${ROWS} rows`);
    results.push({ baseline, import: imported });
  }

  console.log(`\n${ROWS} rows with 3 tiers each, ${ROUNDS} rounds\n`);
  table([
    ['round', 'plain INSERT ms', 'import ms', 'import rows/s', 'ratio (rows/s import / INSERT)'],
    ...results.map((r, i) => [
      String(i + 1),
      fmt(r.baseline, 0),
      fmt(r.import, 0),
      fmt((ROWS * 1000) / r.import, 0),
      fmt(r.baseline / r.import, 2),
    ]),
  ]);
  console.log();
  verdict(
    'CSV import / plain INSERT (median)',
    percentile(
      results.map((r) => r.baseline / r.import),
      50,
    ),
    { min: 0.25 },
  );
});
