import { createTestDatabase, type TestDatabase } from '@agora/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, migrateTenantSchema, readTenant, withTenant } from '../src/index.js';
import { makeBareTenant } from './helpers.js';

let tdb: TestDatabase;
let a: { id: string; schemaName: string };
let b: { id: string; schemaName: string };

beforeAll(async () => {
  tdb = await createTestDatabase();
  a = await makeBareTenant(tdb.database);
  b = await makeBareTenant(tdb.database);
  await migrateTenantSchema(tdb.database, a.schemaName);
  await migrateTenantSchema(tdb.database, b.schemaName);
});
afterAll(() => tdb?.drop());

const theme = { primaryColor: '#000000' };

describe('tenant unit of work', () => {
  it('reads and writes its own tables', async () => {
    await withTenant(tdb.database, a, ({ db, t }) =>
      db.insert(t.settings).values({ publicName: 'Shop A', theme }),
    );
    const rows = await withTenant(tdb.database, a, ({ db, t }) => db.select().from(t.settings));
    expect(rows.map((r) => r.publicName)).toEqual(['Shop A']);
  });

  it("refuses another tenant's table with a permission error", async () => {
    await expect(
      withTenant(tdb.database, a, ({ db }) =>
        db.execute(sql.raw(`select * from "${b.schemaName}".settings`)),
      ),
    ).rejects.toMatchObject({
      cause: { code: '42501', message: expect.stringMatching(/permission denied for schema/) },
    });
  });

  it('refuses platform tables inside a tenant unit of work', async () => {
    await expect(
      withTenant(tdb.database, a, ({ db }) => db.execute(sql`select * from platform.tenants`)),
    ).rejects.toMatchObject({ cause: { code: '42501' } });
  });

  it('fails closed: the login role alone cannot read tenant tables', async () => {
    expect(tdb.database.isSuperuser).toBe(false);
    await expect(tdb.database.pool.query(`select * from "${a.schemaName}".settings`)).rejects.toMatchObject({
      code: '42501',
    });
  });

  it('rolls back everything when the work throws', async () => {
    await expect(
      withTenant(tdb.database, b, async ({ db, t }) => {
        await db
          .insert(t.users)
          .values({ id: 'usr_x', email: 'x@example.com', role: 'owner', status: 'invited' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await withTenant(tdb.database, b, ({ db, t }) =>
      db.select().from(t.users).where(eq(t.users.id, 'usr_x')),
    );
    expect(rows).toEqual([]);
  });

  it('does not leak the tenant role to the next user of the pooled connection', async () => {
    await withTenant(tdb.database, a, ({ db, t }) => db.select().from(t.settings));
    const { rows } = await tdb.database.pool.query('select current_user as u');
    expect(rows[0].u).toBe(tdb.database.loginRole);
  });

  it('keeps the pooled connection when the work throws an application error', async () => {
    let opened = 0;
    const count = () => opened++;
    tdb.database.pool.on('connect', count);
    try {
      for (let i = 0; i < 20; i++) {
        await expect(
          withTenant(tdb.database, a, async ({ db, t }) => {
            await db.select().from(t.settings);
            throw new Error('not found');
          }),
        ).rejects.toThrow('not found');
      }
      // Reused, and clean: the next user of the connection is the login role, outside a transaction.
      const { rows } = await tdb.database.pool.query(
        `select current_user as u, now() = statement_timestamp() as fresh`,
      );
      expect(rows[0]).toEqual({ u: tdb.database.loginRole, fresh: true });
    } finally {
      tdb.database.pool.off('connect', count);
    }
    expect(opened).toBeLessThanOrEqual(1);
  });

  it('closes a pooled connection once it has served maxSchemasPerConnection tenant schemas', async () => {
    // A pool of one connection, so every unit of work lands on the same connection until it is closed.
    const database = await connectDatabase(tdb.url, { max: 1, maxSchemasPerConnection: 2 });
    const pids: number[] = [];
    const pid = async (tenant: typeof a) => {
      const [row] = await readTenant<{ pid: number }>(
        database,
        tenant,
        () => sql`select pg_backend_pid() as pid`,
      );
      pids.push(row?.pid ?? 0);
    };
    try {
      await pid(a);
      await withTenant(database, a, async () => {});
      await pid(a);
      await pid(b); // the second schema: served, then closed
      expect(database.pool.totalCount).toBe(0);
      await pid(b);
    } finally {
      await database.close();
    }
    expect(new Set(pids.slice(0, 3)).size).toBe(1);
    expect(pids[3]).not.toBe(pids[2]);
  });

  it('rejects a schema name that is not a tenant schema', async () => {
    await expect(
      withTenant(tdb.database, { id: 'x', schemaName: 'platform' }, async () => 1),
    ).rejects.toThrow(/not a tenant schema/);
  });

  it('applies settings for the unit of work only, and refuses a setting that could carry SQL', async () => {
    const inside = await withTenant(
      tdb.database,
      a,
      async ({ db }) =>
        (await db.execute<{ v: string }>(sql`select current_setting('enable_seqscan') as v`)).rows[0]?.v,
      { enable_seqscan: 'off' },
    );
    expect(inside).toBe('off');
    const client = await tdb.database.pool.connect();
    try {
      // Every pooled connection is back to the default afterwards (SET LOCAL ends with the transaction).
      expect((await client.query('show enable_seqscan')).rows[0].enable_seqscan).toBe('on');
    } finally {
      client.release();
    }
    await expect(
      withTenant(tdb.database, a, async () => 1, { "x'; drop table y; --": 'on' }),
    ).rejects.toThrow(/invalid transaction setting/);
    await expect(
      withTenant(tdb.database, a, async () => 1, { enable_seqscan: "off'; reset role; --" }),
    ).rejects.toThrow(/invalid transaction setting/);
  });
});

describe('one-statement tenant read (readTenant)', () => {
  it("reads the tenant's own tables in its role, with parameters of every inlined kind", async () => {
    await withTenant(tdb.database, a, ({ db, t }) =>
      db
        .insert(t.users)
        .values({ id: 'usr_q', email: "o'brien\\x@example.com", role: 'owner', status: 'invited' }),
    );
    const rows = await readTenant<{ id: string; who: string; n: number; yes: boolean; none: null }>(
      tdb.database,
      a,
      (t) => sql`select u.id, current_user as who, ${41}::int + 1 as n, ${true} as yes, ${null}::text as none
                 from ${t.users} u where u.email = ${"o'brien\\x@example.com"}
                 and u.created_at < ${new Date(Date.now() + 60_000)}`,
    );
    expect(rows).toEqual([{ id: 'usr_q', who: a.schemaName, n: 42, yes: true, none: null }]);
  });

  it('cannot be turned into a second statement through a parameter', async () => {
    const evil = "x'; reset role; select * from platform.tenants; --";
    const rows = await readTenant(
      tdb.database,
      a,
      (t) => sql`select id from ${t.users} where email = ${evil}`,
    );
    expect(rows).toEqual([]);
  });

  it('inlines a negative number after a minus sign as a number, not the start of a comment', async () => {
    const rows = await readTenant<{ n: number; rest: string }>(
      tdb.database,
      a,
      () => sql`select 10-${-5} as n, 'kept' as rest`,
    );
    expect(rows).toEqual([{ n: 15, rest: 'kept' }]);
  });

  it("refuses another tenant's table and leaves no role behind", async () => {
    await expect(
      readTenant(tdb.database, a, () => sql.raw(`select * from "${b.schemaName}".settings`)),
    ).rejects.toMatchObject({ code: '42501' });
    const { rows } = await tdb.database.pool.query(
      'select current_user as u, now() = statement_timestamp() as fresh',
    );
    expect(rows[0]).toEqual({ u: tdb.database.loginRole, fresh: true });
  });

  it('takes the transaction path for a value the simple protocol cannot carry (NUL)', async () => {
    await expect(
      readTenant(tdb.database, a, (t) => sql`select id from ${t.users} where id = ${'usr_\0x'}`),
    ).rejects.toMatchObject({ cause: { code: '22021' } });
  });

  it('refuses more than one statement', async () => {
    await expect(readTenant(tdb.database, a, () => sql.raw('select 1; select 2'))).rejects.toThrow(
      /exactly one statement/,
    );
  });
});

describe('prepared tenant read (readTenant with prepare)', () => {
  /** A pool of one connection, so every read lands on the same server process. */
  const onePool = (maxPreparedPerConnection: number) =>
    connectDatabase(tdb.url, { max: 1, maxPreparedPerConnection });
  const held = async (database: Awaited<ReturnType<typeof onePool>>) =>
    (
      await database.pool.query<{ statement: string }>(
        `select statement from pg_prepared_statements order by prepare_time`,
      )
    ).rows.map((r) => r.statement);
  const emails = (database: Awaited<ReturnType<typeof onePool>>, tenant: typeof a) =>
    readTenant<{ email: string; who: string }>(
      database,
      tenant,
      (t) => sql`select u.email, current_user as who from ${t.users} u where u.id = ${'usr_p'}`,
      { prepare: true },
    );

  it("keeps one statement per tenant and text, each answering with its own tenant's rows", async () => {
    for (const [tenant, email] of [
      [a, 'p@a.example.com'],
      [b, 'p@b.example.com'],
    ] as const)
      await withTenant(tdb.database, tenant, ({ db, t }) =>
        db.insert(t.users).values({ id: 'usr_p', email, role: 'owner', status: 'invited' }),
      );
    const database = await onePool(4);
    try {
      for (let i = 0; i < 3; i++) {
        expect(await emails(database, a)).toEqual([{ email: 'p@a.example.com', who: a.schemaName }]);
        expect(await emails(database, b)).toEqual([{ email: 'p@b.example.com', who: b.schemaName }]);
      }
      // Prepared once each, executed by name after that: two statements, each naming its own schema.
      const statements = await held(database);
      expect(statements).toHaveLength(2);
      expect(statements[0]).toContain(`"${a.schemaName}"."users"`);
      expect(statements[1]).toContain(`"${b.schemaName}"."users"`);
      // The role ends with each read, as without preparing.
      const { rows } = await database.pool.query('select current_user as u');
      expect(rows[0].u).toBe(database.loginRole);
    } finally {
      await database.close();
    }
  });

  it('keeps at most maxPreparedPerConnection statements, the least recently used out', async () => {
    const database = await onePool(2);
    const read = (n: number) =>
      readTenant<{ n: number }>(database, a, () => sql`select ${n}::int as n`, { prepare: true });
    try {
      for (const n of [1, 2, 1, 3, 1]) expect(await read(n)).toEqual([{ n }]);
      const statements = await held(database);
      expect(statements).toHaveLength(2);
      expect(statements.join()).not.toContain('(2)');
      expect(statements.join()).toContain('(3)');
    } finally {
      await database.close();
    }
  });

  it('executes a statement whose text ends in a line comment', async () => {
    const database = await onePool(4);
    try {
      for (let i = 0; i < 2; i++)
        expect(
          await readTenant(database, a, () => sql`select ${i}::int as n -- the last line`, { prepare: true }),
        ).toEqual([{ n: i }]);
    } finally {
      await database.close();
    }
  });

  it('prepares nothing when maxPreparedPerConnection is 0', async () => {
    const database = await onePool(0);
    try {
      expect(await emails(database, a)).toEqual([{ email: 'p@a.example.com', who: a.schemaName }]);
      expect(await held(database)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it("refuses another tenant's table; a failed prepare takes its connection with it", async () => {
    const database = await onePool(4);
    try {
      const before = await database.pool.query('select pg_backend_pid() as pid');
      await expect(
        readTenant(database, a, () => sql.raw(`select * from "${b.schemaName}".users`), { prepare: true }),
      ).rejects.toMatchObject({ code: '42501' });
      const after = await database.pool.query('select pg_backend_pid() as pid, current_user as u');
      expect(after.rows[0].pid).not.toBe(before.rows[0].pid);
      expect(after.rows[0].u).toBe(database.loginRole);
      expect(await emails(database, a)).toEqual([{ email: 'p@a.example.com', who: a.schemaName }]);
    } finally {
      await database.close();
    }
  });

  it('reads again when the connection lost its statements (DISCARD ALL, a pooler)', async () => {
    const database = await onePool(4);
    try {
      await emails(database, a);
      await database.pool.query('deallocate all');
      expect(await emails(database, a)).toEqual([{ email: 'p@a.example.com', who: a.schemaName }]);
      expect(await held(database)).toHaveLength(1);
    } finally {
      await database.close();
    }
  });

  it("is refused by the database when run in another tenant's role (permissions are checked at execution)", async () => {
    const client = await tdb.database.pool.connect();
    try {
      await client.query(
        `begin; set local role "${a.schemaName}"; prepare other as select email from "${a.schemaName}".users`,
      );
      await client.query(`execute other; commit`);
      await expect(client.query(`set local role "${b.schemaName}"; execute other`)).rejects.toMatchObject({
        code: '42501',
      });
    } finally {
      await client.query('deallocate all').catch(() => {});
      client.release(true);
    }
  });
});
