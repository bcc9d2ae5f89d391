import type { AddressInfo } from 'node:net';
import { platformTables as p, withTenant } from '@agora/db';
import { cleanupRedisPrefix, createTestDatabase, type TestDatabase, testConfig } from '@agora/testing';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptInvite,
  createRuntime,
  createTenant,
  hashLinkToken,
  type Runtime,
  runProvisioning,
  SmtpMailer,
  sendOutboxEmail,
} from '../src/index.js';

type Received = { from: string; to: string[]; raw: string };

/** A real SMTP server on a free loopback port that keeps what it receives. */
async function startSmtpServer(options: { rejectRecipient?: string } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === options.rejectRecipient) {
        const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The message as text: quoted-printable soft breaks and escapes undone (ASCII bodies). */
const decoded = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let tdb: TestDatabase;
let runtime: Runtime;

beforeAll(async () => {
  smtp = await startSmtpServer({ rejectRecipient: 'bounce@nowhere.test' });
  tdb = await createTestDatabase();
  runtime = await createRuntime(
    testConfig(tdb.url, { SMTP_URL: smtp.url, EMAIL_FROM: 'Agora Test <mail@agora.test>', PORT: '3000' }),
  );
});
afterAll(async () => {
  await runtime?.close();
  await smtp?.close();
  await cleanupRedisPrefix(runtime.config.redisUrl, runtime.config.queuePrefix);
  await tdb?.drop();
});

describe('SmtpMailer', () => {
  it('is the mailer when SMTP_URL is set', () => {
    expect(runtime.mailer).toBeInstanceOf(SmtpMailer);
  });

  it("delivers a new tenant's invitation over SMTP with a working link, and records it as sent", async () => {
    const tenant = await createTenant(
      runtime,
      { name: 'Smtp Supply', slug: 'smtp-supply', ownerEmail: 'owner@smtp.test' },
      { type: 'system' },
    );
    await runProvisioning(runtime, tenant.id, { finalAttempt: true });
    const [event] = await withTenant(runtime.database, tenant, ({ db, t }) => db.select().from(t.outbox));
    const outcome = await sendOutboxEmail(runtime, {
      tenantId: tenant.id,
      outboxId: event!.id,
      topic: event!.topic,
      payload: event!.payload,
    });
    expect(outcome.status).toBe('sent');

    expect(smtp.received).toHaveLength(1);
    const message = smtp.received[0]!;
    expect(message.from).toBe('mail@agora.test');
    expect(message.to).toEqual(['owner@smtp.test']);
    const text = decoded(message.raw);
    expect(text).toMatch(/^Subject: You're invited to Smtp Supply$/m);
    expect(text).toMatch(/^To: owner@smtp\.test$/m);
    const link = text.match(/http:\/\/smtp-supply\.localhost:3000\/console\/accept-invite\?token=([\w-]+)/);
    expect(link).not.toBeNull();

    const [row] = await runtime.database.platform
      .select()
      .from(p.emails)
      .where(eq(p.emails.to, 'owner@smtp.test'));
    expect(row).toMatchObject({ status: 'sent', kind: 'invitation', tenantId: tenant.id, error: null });
    expect(row!.sentAt).toBeInstanceOf(Date);

    // Only the hash is stored, and the link works.
    const [token] = await withTenant(runtime.database, tenant, ({ db, t }) => db.select().from(t.userTokens));
    expect(token!.tokenHash).toBe(hashLinkToken(link![1]!));
    await expect(
      acceptInvite(runtime, tenant, { token: link![1]!, password: 'a long enough password' }),
    ).resolves.toMatchObject({ token: expect.any(String) });
  });

  it('records a refused message as failed with the reason, and a retry that succeeds updates that row', async () => {
    const mailer = runtime.mailer;
    const email = { subject: 'Hello', text: 'Hi there', kind: 'test', dedupeKey: 'test:bounce' };
    await expect(mailer.send({ ...email, to: 'bounce@nowhere.test' })).rejects.toThrow(/mailbox unavailable/);
    const rows = () =>
      runtime.database.platform.select().from(p.emails).where(eq(p.emails.dedupeKey, 'test:bounce'));
    expect(await rows()).toMatchObject([
      { status: 'failed', error: expect.stringMatching(/mailbox unavailable/) },
    ]);

    await mailer.send({ ...email, to: 'fine@nowhere.test' });
    expect(await rows()).toMatchObject([{ status: 'sent', error: null }]);
    expect(smtp.received.at(-1)!.to).toEqual(['fine@nowhere.test']);
  });
});
