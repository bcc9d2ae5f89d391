import { createHash } from 'node:crypto';
import type { Config, RateLimit } from '@agora/config';
import { AppError } from '@agora/contracts';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Redis } from 'ioredis';
import type { AppEnv } from '../context.js';
import { ErrorBody, rateLimiting } from '../openapi.js';
import { errorResponse } from './errors.js';

// One round trip, atomic: count the hit, and start the window's clock on its first hit (a key
// without an expiry, PTTL < 0, also gets one, so a counter can never live forever).
const HIT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`;

// Give a hit back, unless its window has ended meanwhile (DECR would make a counter with no expiry).
const REFUND = `if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end return 0`;

/** Count one hit in a fixed window: the hits so far in this window and the time until it ends. */
export async function hitFixedWindow(
  redis: Redis,
  key: string,
  windowMs: number,
): Promise<{ count: number; resetMs: number }> {
  const [count, resetMs] = (await redis.eval(HIT, 1, key, windowMs)) as [number, number];
  return { count, resetMs };
}

/**
 * The bucket a client address counts in: IPv4 as it is (also when IPv4-mapped, `::ffff:a.b.c.d`);
 * IPv6 by its /64, since one subscriber usually gets a whole /64 and could otherwise rotate
 * through addresses to get a fresh budget each time.
 */
export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail] = (address.split('%')[0] ?? '').split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  const prefix = groups.slice(0, 4).map((g) => Number.parseInt(g, 16));
  if (prefix.length !== 4 || prefix.some((n) => !Number.isInteger(n) || n < 0 || n > 0xffff)) return address;
  return `${prefix.map((n) => n.toString(16)).join(':')}::/64`;
}

/**
 * Where the request comes from. With `hops` trusted reverse proxies in front (each appends the
 * address it received the request from to X-Forwarded-For), the client is the `hops`-th entry
 * from the right: entries further left were written by the client itself and prove nothing.
 * Without trusted proxies, or when the header is missing, it is the socket's remote address.
 * Requests without a socket (in-process calls made without the caller's bindings) are all
 * `unknown`, one shared bucket, so forgetting to pass bindings limits harder, never less.
 */
export function clientAddress(c: Context, hops = 0): string {
  if (hops > 0) {
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    // Fewer entries than proxies: the request skipped some of them; the leftmost is what the
    // outermost proxy that saw it received.
    const address = forwarded[Math.max(0, forwarded.length - hops)];
    if (address) return addressBucket(address);
  }
  try {
    const address = getConnInfo(c).remote.address;
    if (address) return addressBucket(address);
  } catch {
    // No Node.js socket bindings on this request.
  }
  return 'unknown';
}

/** Per marketplace (or the platform host), so one tenant's traffic never uses up another's budget. */
export function rateLimitKey(prefix: string, name: string, scope: string, client: string): string {
  return `${prefix}:rate:${name}:${scope}:${client}`;
}

function scopeOf(c: Context<AppEnv>): string {
  const surface = c.var.surface;
  return surface?.kind === 'tenant' ? `tenant:${surface.tenant.id}` : 'platform';
}

function inWords(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  if (seconds < 90 * 60) return `about ${Math.round(seconds / 60)} minutes`;
  return `about ${Math.round(seconds / 3600)} hours`;
}

export type RateLimitOptions = {
  /** Names the counter (part of the Redis key). */
  name: string;
  /**
   * Who is counted: the client address (the default), or a key read from the request, such as the
   * account a login is for (`accountInBody`). A request with no key is not counted here.
   */
  subject?: (c: Context<AppEnv>) => Promise<string | undefined>;
  /** The limit, read from config on every request. */
  rule: (config: Config) => RateLimit;
  /** The start of the 429 message, e.g. "Too many applications from your network". */
  message: string;
  /**
   * Responses that give their hit back, e.g. validation failures that stored nothing, so that a
   * person correcting a form is not locked out. Refunds happen after the response is made.
   */
  refund?: (status: number) => boolean;
  /** Responses that start the count over, e.g. a successful login clears the account's failures. */
  reset?: (status: number) => boolean;
};

/**
 * The account a JSON body names in `email`, as a counter key: trimmed, lowercased and hashed (no
 * addresses in Redis). Counted whether or not the account exists, so a 429 reveals nothing. A body
 * that is not JSON or names no email gives no key: the handler answers it with a 400 anyway.
 */
export async function accountInBody(c: Context): Promise<string | undefined> {
  const parsed: unknown = await c.req.json().catch(() => undefined);
  const email = parsed && typeof parsed === 'object' ? (parsed as { email?: unknown }).email : undefined;
  if (typeof email !== 'string' || !email.trim()) return undefined;
  return `acct-${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32)}`;
}

/**
 * A fixed-window rate limit per client address (or per `subject`), per marketplace, counted in
 * Redis (so it holds across API processes). Over the limit: 429 `rate_limited` in the one error shape, with
 * `Retry-After` (seconds until the window ends; also `details.retryAfterSeconds`), and the
 * handler does not run. If Redis cannot answer, the request goes through (logged): an outage
 * must not close a public form.
 */
export function rateLimit(options: RateLimitOptions) {
  const middleware = createMiddleware<AppEnv>(async (c, next) => {
    const { redis, config } = c.var.deps;
    const { limit, windowMs } = options.rule(config);
    const subject = options.subject ? await options.subject(c) : clientAddress(c, config.trustedProxyHops);
    if (subject === undefined) return next();
    const key = rateLimitKey(config.queuePrefix, options.name, scopeOf(c), subject);
    let hit: { count: number; resetMs: number };
    try {
      hit = await hitFixedWindow(redis, key, windowMs);
    } catch (e) {
      console.warn(
        `[api] rate limit ${options.name} not checked, request let through: ${(e as Error).message}`,
      );
      return next();
    }
    if (hit.count > limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil(hit.resetMs / 1000));
      const res = errorResponse(
        c,
        new AppError('rate_limited', `${options.message}; try again in ${inWords(retryAfterSeconds)}.`, {
          retryAfterSeconds,
        }),
      );
      res.headers.set('retry-after', String(retryAfterSeconds));
      return res;
    }
    await next();
    const status = c.res.status;
    const settle = options.reset?.(status)
      ? redis.del(key)
      : options.refund?.(status)
        ? redis.eval(REFUND, 1, key)
        : undefined;
    await settle?.catch((e: Error) => {
      console.warn(`[api] rate limit ${options.name} not settled: ${e.message}`);
    });
  });
  rateLimiting.add(middleware);
  return middleware;
}

/** The 429 entry of a rate-limited route's `responses` in the OpenAPI document. */
export const rateLimitedResponse = (description: string) => ({
  429: {
    description,
    headers: {
      'Retry-After': {
        description: 'Seconds until the limit resets',
        schema: { type: 'integer' as const, minimum: 1 },
      },
    },
    content: { 'application/json': { schema: ErrorBody } },
  },
});

/**
 * Logins (tenant users and staff): every attempt counts per client address; per account only
 * failures count (401), and a successful login starts the account's count over. A person who
 * mistypes is not locked out, and someone guessing one account's password from many addresses
 * is stopped after a few failures. Someone failing on purpose can hold an account's logins off
 * only for the window, and the password reset link still logs its owner in (ADR 0025).
 */
export const LOGIN_LIMITS_DOC =
  'Limited per client address (every attempt) and per account (failed attempts; a success starts over): 429 `rate_limited` with `Retry-After`.';
export const LOGIN_429_DOC =
  'Too many attempts from this address, or failed logins for this account: `rate_limited`; the password is not checked. Wait `Retry-After` seconds';

export const loginLimits = [
  rateLimit({
    name: 'login-address',
    rule: (config) => config.rateLimits.loginAddress,
    message: 'Too many login attempts from your network address',
  }),
  rateLimit({
    name: 'login-account',
    subject: accountInBody,
    rule: (config) => config.rateLimits.loginAccount,
    message: 'Too many failed logins for this account',
    refund: (status) => status !== 401,
    reset: (status) => status === 200,
  }),
] as const;

/**
 * Password reset requests: every request counts, per address and per account, so the form can be
 * used neither to flood one person's mailbox nor to send mail at speed; a 400 (no valid email)
 * gives its hit back.
 */
export const passwordResetLimits = [
  rateLimit({
    name: 'password-reset-address',
    rule: (config) => config.rateLimits.passwordResetAddress,
    message: 'Too many password reset requests from your network address',
    refund: (status) => status === 400,
  }),
  rateLimit({
    name: 'password-reset-account',
    subject: accountInBody,
    rule: (config) => config.rateLimits.passwordResetAccount,
    message: 'Too many password reset requests for this email',
    refund: (status) => status === 400,
  }),
] as const;
