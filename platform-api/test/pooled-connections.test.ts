import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { host, type T } from './catalog-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';

let h: ApiHarness;
let a: T;

beforeAll(async () => {
  h = await createApiHarness();
  a = await h.activeTenant('pool-a');
});
afterAll(() => h?.close());

describe('pooled connections', () => {
  it('keeps its connections when requests end in expected errors (100 anonymous 404s)', async () => {
    const pool = h.runtime.database.pool;
    let opened = 0;
    const count = () => opened++;
    pool.on('connect', count);
    try {
      for (let i = 0; i < 100; i++) {
        const res = await h.call(host(a), `/api/v1/products/prd_missing${i}`);
        expect(res.status).toBe(404);
      }
    } finally {
      pool.off('connect', count);
    }
    // Each 404 is thrown inside a tenant transaction; the rolled-back connection is reused.
    expect(opened).toBeLessThanOrEqual(3);
  });
});
