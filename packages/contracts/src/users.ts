import { z } from 'zod';

const Email = z.string().trim().toLowerCase().email('must be an email address');

/** Passwords users choose (accepting an invitation, resetting): long beats complex. */
export const NewPassword = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters');

/** The raw one-time token from an emailed link (`?token=`). */
export const LinkToken = z.string().trim().min(1, 'is required').max(200, 'is not a valid token');

export const AcceptInviteBody = z.object({
  token: LinkToken,
  password: NewPassword,
  name: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters').optional(),
});
export type AcceptInviteBody = z.infer<typeof AcceptInviteBody>;

export const PasswordResetBody = z.object({ email: Email });
export type PasswordResetBody = z.infer<typeof PasswordResetBody>;

export const PasswordResetConfirmBody = z.object({ token: LinkToken, password: NewPassword });
export type PasswordResetConfirmBody = z.infer<typeof PasswordResetConfirmBody>;

export const InviteOperatorBody = z.object({ email: Email });
export type InviteOperatorBody = z.infer<typeof InviteOperatorBody>;
