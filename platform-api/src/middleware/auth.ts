import { AppError } from '@agora/contracts';
import { getSessionUser, getStaffSession, PLATFORM_AUDIENCE, tenantAudience, verifyToken } from '@agora/core';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, TenantEnv } from '../context.js';

function bearer(header: string | undefined): string {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match?.[1])
    throw new AppError('unauthenticated', 'Send an access token: Authorization: Bearer <token>');
  return match[1];
}

const SESSION_ENDED =
  'This session has ended (the account was removed, or its password changed); log in again';

/**
 * Platform staff only; a tenant token (any tenant's) is rejected here. The staff row is read on
 * every request (one primary-key lookup): a deleted account, or one whose sessions were ended
 * (session version raised), is refused at once, not when its token expires.
 */
export const requireStaff = createMiddleware<AppEnv>(async (c, next) => {
  const claims = await verifyToken(
    c.var.deps.config.jwtKeys,
    bearer(c.req.header('authorization')),
    PLATFORM_AUDIENCE,
  );
  const staff = await getStaffSession(c.var.deps.database, claims.sub);
  if (!staff || staff.sessionVersion !== claims.sv) throw new AppError('unauthenticated', SESSION_ENDED);
  c.set('staff', claims);
  await next();
});

/**
 * A user of this tenant; tokens of other tenants and platform tokens are rejected. The user is
 * read on every request (one primary-key lookup), so the sessions of a removed or disabled
 * account, or of one whose password was reset (session version raised), stop working at once,
 * and the role is the current one, not the one in the token.
 */
export const requireTenantUser = createMiddleware<TenantEnv>(async (c, next) => {
  const claims = await verifyToken(
    c.var.deps.config.jwtKeys,
    bearer(c.req.header('authorization')),
    tenantAudience(c.var.tenant.id),
  );
  const user = await getSessionUser(c.var.deps.database, c.var.tenant, claims.sub);
  if (user?.status !== 'active')
    throw new AppError('unauthenticated', 'This account no longer exists or is disabled; log in again');
  if (user.sessionVersion !== claims.sv) throw new AppError('unauthenticated', SESSION_ENDED);
  c.set('user', { ...claims, role: user.role, vendorId: user.vendorId, companyId: user.companyId });
  await next();
});

/** The console's session cookie (tenant-console/app/lib/session.server.ts), sent by its pages' images. */
const CONSOLE_SESSION_COOKIE = '__Host-agora_session';

/**
 * The signed-in user of this tenant making the request, from a bearer token or the console's
 * session cookie, or null (anonymous, or a token that is invalid, expired, for another audience, or
 * of a removed account or an ended session). For routes that show more to signed-in users, never for ones that need one.
 */
export async function optionalTenantViewer(
  c: Context<TenantEnv>,
): Promise<{ userId: string; role: string; vendorId: string | null; companyId: string | null } | null> {
  const header = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const token = header ?? getCookie(c, CONSOLE_SESSION_COOKIE);
  if (!token) return null;
  try {
    const claims = await verifyToken(c.var.deps.config.jwtKeys, token, tenantAudience(c.var.tenant.id));
    const user = await getSessionUser(c.var.deps.database, c.var.tenant, claims.sub);
    return user?.status === 'active' && user.sessionVersion === claims.sv
      ? { userId: claims.sub, role: user.role, vendorId: user.vendorId, companyId: user.companyId }
      : null;
  } catch (e) {
    if (e instanceof AppError) return null;
    throw e;
  }
}
