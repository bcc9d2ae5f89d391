import { AppError } from '@agora/contracts';
import type { TenantRole } from '@agora/core';
import { createMiddleware } from 'hono/factory';
import type { TenantEnv } from '../context.js';

/** Only these roles of this marketplace; runs after `requireTenantUser`. */
export const requireRole = (roles: readonly TenantRole[], message: string) =>
  createMiddleware<TenantEnv>(async (c, next) => {
    if (!roles.includes(c.var.user.role as TenantRole)) throw new AppError('forbidden', message);
    await next();
  });

/** Operator staff (owner or operator) of this marketplace. */
export const requireOperator = requireRole(
  ['owner', 'operator'],
  'Only the marketplace operator may do this',
);
