import { AppError } from '@agora/contracts';

/**
 * 403 for a buyer whose email address is not confirmed yet: placing (or approving) orders
 * needs it, even in a company approved automatically. The storefront's cart and checkout
 * pages say the same and offer a new link (`POST /auth/email-verification`).
 */
export const emailNotVerified = () =>
  new AppError(
    'forbidden',
    'Confirm your email address before ordering: open the link in the email we sent you, or ask for a new link from your cart',
    { reason: 'email_not_verified' },
  );
