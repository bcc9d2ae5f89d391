import { AppError } from '@agora/contracts';
import type { TenantRole } from '@agora/core';
import { createMiddleware } from 'hono/factory';
import type { TenantEnv, VendorEnv } from '../context.js';

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

/**
 * A user of one vendor (vendor admin or staff, with `users.vendor_id` set), narrowed to `roles`;
 * runs after `requireTenantUser`. Puts their vendor's id on the context as `vendorId`: vendor
 * routes read and change only that vendor's rows, so another vendor's ids are a 404.
 */
export const requireVendorUser = (
  roles: readonly ('vendor_admin' | 'vendor_staff')[] = ['vendor_admin', 'vendor_staff'],
) =>
  createMiddleware<VendorEnv>(async (c, next) => {
    const { role, vendorId } = c.var.user;
    if (!vendorId || !roles.includes(role as 'vendor_admin' | 'vendor_staff'))
      throw new AppError(
        'forbidden',
        roles.length === 1 ? 'Only the vendor administrator may do this' : 'Only vendor users may do this',
      );
    c.set('vendorId', vendorId);
    await next();
  });
