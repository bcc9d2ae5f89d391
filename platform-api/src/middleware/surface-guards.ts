import { AppError } from '@agora/contracts';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, TenantEnv } from '../context.js';

/** Control-plane routes exist on the platform host only; elsewhere they are plain 404s. */
export const platformOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.surface.kind !== 'platform') throw new AppError('not_found', 'Not found');
  await next();
});

/**
 * Tenant API routes need a known, active tenant host. The answers say nothing about whether
 * other tenants exist: an unknown host is always the same 404.
 */
export const tenantOnly = createMiddleware<TenantEnv>(async (c, next) => {
  const surface = c.var.surface;
  if (surface.kind !== 'tenant') throw new AppError('unknown_host', 'No marketplace at this address');
  if (surface.tenant.status === 'suspended') {
    throw new AppError('tenant_suspended', 'This marketplace is suspended and unavailable');
  }
  if (surface.tenant.status !== 'active')
    throw new AppError('unknown_host', 'No marketplace at this address');
  c.set('tenant', surface.tenant);
  await next();
});
