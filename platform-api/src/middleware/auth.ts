import { AppError } from '@agora/contracts';
import { getSessionUser, getStaffSession, PLATFORM_AUDIENCE, tenantAudience, verifyToken } from '@agora/core';
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
  c.set('user', { ...claims, role: user.role, vendorId: user.vendorId });
  await next();
});
