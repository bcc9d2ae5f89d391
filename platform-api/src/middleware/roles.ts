import { AppError } from '@agora/contracts';
import type { TenantRole } from '@agora/core';
import { createMiddleware } from 'hono/factory';
import type { BuyerEnv, TenantEnv, VendorEnv } from '../context.js';

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

type BuyerRole = 'buyer_admin' | 'buyer_member' | 'buyer_approver';

/**
 * A member of one buyer company (with `users.company_id` set), narrowed to `roles`; runs after
 * `requireTenantUser`. Puts their company's id on the context as `companyId`: buyer routes read
 * and change only that company's rows, so another company's ids are a 404.
 */
export const requireBuyerUser = (
  roles: readonly BuyerRole[] = ['buyer_admin', 'buyer_member', 'buyer_approver'],
  message = 'Only buyers of a company may do this',
) =>
  createMiddleware<BuyerEnv>(async (c, next) => {
    const { role, companyId } = c.var.user;
    if (!companyId || !roles.includes(role as BuyerRole)) throw new AppError('forbidden', message);
    c.set('companyId', companyId);
    await next();
  });
