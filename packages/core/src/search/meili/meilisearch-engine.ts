import { type Database, type TenantRef, withTenant } from '@agora/db';
import { sql } from 'drizzle-orm';
import { type EnqueuedTaskPromise, Meilisearch, MeilisearchApiError } from 'meilisearch';
import { emptyResult, type SearchEngine, type SearchQuery, type SearchResult } from '../search-engine.js';
import { loadSearchRows, toMeiliDocument, visibleProductIds } from './meili-documents.js';
import {
  buildMeiliSearch,
  facetIds,
  MEILI_SETTINGS,
  type MeiliSearchResponse,
  mapMeiliResponse,
  type SearchLookup,
} from './meili-query.js';

export type MeilisearchEngineOptions = {
  url: string;
  apiKey?: string;
  database: Database;
  /** How long to wait for an indexing task (the job fails and retries after this). */
  taskTimeoutMs?: number;
  /** Per-request timeout. */
  requestTimeoutMs?: number;
  /** Replaces the database lookup of visibility and facet names (unit tests). */
  lookup?: (tenant: TenantRef, ids: LookupIds) => Promise<SearchLookup>;
};

type LookupIds = { productIds: string[]; categoryIds: string[]; vendorIds: string[] };

const BATCH = 1000;

const apiErrorCode = (e: unknown) =>
  e instanceof MeilisearchApiError ? (e.cause as { code?: string } | undefined)?.code : undefined;

/**
 * Search through Meilisearch, one index per tenant (uid = tenant id), enabled by MEILI_URL.
 * Documents come from the database (`loadSearchRows`), written by the `search.index.v1` job.
 * Every search also asks the database which hits are still visible and what the facet values
 * are called, so a suspended vendor's products disappear from results before the job runs.
 */
export class MeilisearchEngine implements SearchEngine {
  readonly kind = 'meilisearch';
  readonly client: Meilisearch;
  private readonly ready = new Map<string, Promise<void>>();
  private readonly taskTimeoutMs: number;

  constructor(private readonly options: MeilisearchEngineOptions) {
    this.client = new Meilisearch({
      host: options.url,
      apiKey: options.apiKey,
      timeout: options.requestTimeoutMs ?? 5000,
    });
    this.taskTimeoutMs = options.taskTimeoutMs ?? 30_000;
  }

  indexUid(tenant: TenantRef): string {
    return tenant.id;
  }

  async search(tenant: TenantRef, query: SearchQuery): Promise<SearchResult> {
    const request = buildMeiliSearch(query);
    const { q, ...params } = request;
    let response: MeiliSearchResponse;
    try {
      response = (await this.client.index(this.indexUid(tenant)).search(q, params)) as MeiliSearchResponse;
    } catch (e) {
      // Nothing indexed yet for this tenant: no results rather than an error.
      if (apiErrorCode(e) === 'index_not_found') return emptyResult(query);
      throw e;
    }
    const ids = facetIds(response);
    const lookup = await (this.options.lookup ?? this.lookupInDatabase)(tenant, {
      productIds: response.hits.map((h) => h.id as string),
      categoryIds: ids.categoryIds,
      vendorIds: ids.vendorIds,
    });
    return mapMeiliResponse(response, query, lookup);
  }

  async index(tenant: TenantRef, productIds: string[]): Promise<void> {
    const uid = this.indexUid(tenant);
    await this.ensureIndex(uid);
    const ids = [...new Set(productIds)];
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const rows = await withTenant(this.options.database, tenant, (tx) => loadSearchRows(tx, batch));
      const shown = new Set(rows.map((r) => r.id));
      const hidden = batch.filter((id) => !shown.has(id));
      if (rows.length)
        await this.wait(this.client.index(uid).addDocuments(rows.map(toMeiliDocument), { primaryKey: 'id' }));
      if (hidden.length) await this.wait(this.client.index(uid).deleteDocuments(hidden));
    }
  }

  async remove(tenant: TenantRef, productIds: string[]): Promise<void> {
    if (!productIds.length) return;
    try {
      await this.wait(this.client.index(this.indexUid(tenant)).deleteDocuments(productIds));
    } catch (e) {
      if (apiErrorCode(e) !== 'index_not_found') throw e;
    }
  }

  /**
   * Build a fresh index beside the live one, then swap them (atomic in Meilisearch) and drop
   * the old one: searches never see a half-built index.
   */
  async reindexAll(tenant: TenantRef): Promise<{ indexed: number }> {
    const uid = this.indexUid(tenant);
    const building = `${uid}__rebuild`;
    await this.client.deleteIndexIfExists(building);
    this.ready.delete(building);
    await this.ensureIndex(building);
    let after = '';
    let indexed = 0;
    for (;;) {
      const rows = await withTenant(this.options.database, tenant, async (tx) =>
        loadSearchRows(tx, await visibleProductIds(tx, after, BATCH)),
      );
      if (rows.length)
        await this.wait(
          this.client.index(building).addDocuments(rows.map(toMeiliDocument), { primaryKey: 'id' }),
        );
      indexed += rows.length;
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]?.id as string;
    }
    await this.ensureIndex(uid);
    await this.wait(this.client.swapIndexes([{ indexes: [uid, building], rename: false }]));
    await this.wait(this.client.deleteIndex(building));
    this.ready.delete(building);
    return { indexed };
  }

  /** Create the index with its settings once per process (both idempotent in Meilisearch). */
  ensureIndex(uid: string): Promise<void> {
    let ready = this.ready.get(uid);
    if (!ready) {
      ready = (async () => {
        const created = await this.client.createIndex(uid, { primaryKey: 'id' }).waitTask({
          timeout: this.taskTimeoutMs,
        });
        if (created.status !== 'succeeded' && created.error?.code !== 'index_already_exists')
          throw new Error(`Meilisearch could not create index ${uid}: ${created.error?.message}`);
        await this.wait(this.client.index(uid).updateSettings(MEILI_SETTINGS));
      })();
      ready.catch(() => this.ready.delete(uid));
      this.ready.set(uid, ready);
    }
    return ready;
  }

  /** Wait for a task; a failed or cancelled one is an error (the job retries). */
  private async wait(task: EnqueuedTaskPromise): Promise<void> {
    const done = await task.waitTask({ timeout: this.taskTimeoutMs });
    if (done.status !== 'succeeded')
      throw new Error(`Meilisearch task ${done.uid} (${done.type}) ${done.status}: ${done.error?.message}`);
  }

  private readonly lookupInDatabase = (tenant: TenantRef, ids: LookupIds): Promise<SearchLookup> =>
    withTenant(this.options.database, tenant, async (tx) => {
      const { products, vendors, categories } = tx.t;
      const result = await tx.db.execute<{
        visible: string[];
        categories: { id: string; name: string; parentId: string | null }[];
        vendors: { id: string; name: string }[];
      }>(sql`
        select
          array(select p.id from ${products} p join ${vendors} v on v.id = p.vendor_id
                where p.id = any(${sql.param(ids.productIds)}::text[])
                  and p.status = 'published' and v.status = 'approved') as visible,
          coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name, 'parentId', c.parent_id))
                    from ${categories} c where c.id = any(${sql.param(ids.categoryIds)}::text[])), '[]') as categories,
          coalesce((select json_agg(json_build_object('id', v.id, 'name', v.name))
                    from ${vendors} v where v.id = any(${sql.param(ids.vendorIds)}::text[])), '[]') as vendors
      `);
      const row = result.rows[0];
      return {
        visible: new Set(row?.visible ?? []),
        categories: new Map(
          (row?.categories ?? []).map((c) => [c.id, { name: c.name, parentId: c.parentId }]),
        ),
        vendors: new Map((row?.vendors ?? []).map((v) => [v.id, v.name])),
      };
    });
}
