import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The tracking webhook's signature (ADR 0036): header `t=<unix seconds>,v1=<hex>` where the
 * hex is HMAC-SHA256 over `<t>.<raw body>` with the marketplace's secret. The timestamp binds
 * the signature to a moment, so a captured post cannot be replayed after the tolerance, and the
 * event id (unique per marketplace) refuses a replay within it.
 */
export const SIGNATURE_TOLERANCE_S = 300;

export function signTrackingPayload(secret: string, body: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyTrackingSignature(
  secret: string,
  header: string | undefined | null,
  body: string,
  now: Date = new Date(),
): SignatureCheck {
  if (!header) return { ok: false, reason: 'the request is not signed' };
  const parts = new Map(
    header.split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(given))
    return { ok: false, reason: 'the signature header is malformed (want t=<seconds>,v1=<hex>)' };
  if (Math.abs(now.getTime() / 1000 - t) > SIGNATURE_TOLERANCE_S)
    return { ok: false, reason: 'the signature timestamp is more than 5 minutes off' };
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const actual = Buffer.from(given, 'hex');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
    return { ok: false, reason: 'the signature does not match' };
  return { ok: true };
}
