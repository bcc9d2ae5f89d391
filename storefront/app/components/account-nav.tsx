import { BUYER_ROLE_LABELS } from '@agora/contracts/labels';
import type { BuyerUser } from '../session.server.js';
import { AppLink } from './app-link.js';

/** The buyer roles as a company names them (contracts' labels). */
export const ROLE_NAMES = BUYER_ROLE_LABELS;

/** The account pages' links; the company's admin pages for its admins only. */
export function AccountNav({ user }: { user: Pick<BuyerUser, 'role'> }) {
  return (
    <nav className="account-nav" aria-label="Account">
      <AppLink to="/account">Account</AppLink>
      <AppLink to="/account/orders">Orders</AppLink>
      <AppLink to="/account/company">Company</AppLink>
      {user.role === 'buyer_admin' ? (
        <>
          <AppLink to="/account/members">Members</AppLink>
          <AppLink to="/account/addresses">Addresses</AppLink>
        </>
      ) : null}
      <AppLink to="/cart">Cart</AppLink>
      <AppLink to="/account/checkouts">Checkouts</AppLink>
      {user.role === 'buyer_approver' || user.role === 'buyer_admin' ? (
        <AppLink to="/account/approvals">Approvals</AppLink>
      ) : null}
    </nav>
  );
}

/** What a company's status means for ordering, said once for every account page. */
export function CompanyStatusNote({
  user,
}: {
  user: Pick<BuyerUser, 'companyStatus' | 'companyStatusReason'>;
}) {
  const reason = user.companyStatusReason;
  switch (user.companyStatus) {
    case 'approved':
      return null;
    case 'pending':
      return (
        <p className="notice-info status-note" data-testid="status-note">
          Your company is waiting for approval by the marketplace. You can look around; ordering opens once it
          is approved.
        </p>
      );
    case 'info_requested':
      return (
        <p className="notice-warning status-note" data-testid="status-note">
          The marketplace needs more information{reason ? `: ${reason}` : ''}. An administrator of your
          company answers by saving the company details.
        </p>
      );
    case 'rejected':
      return (
        <p className="notice-error status-note" data-testid="status-note">
          Your company was not approved{reason ? `: ${reason}` : ''}. It cannot order.
        </p>
      );
    case 'suspended':
      return (
        <p className="notice-error status-note" data-testid="status-note">
          Your company is suspended{reason ? `: ${reason}` : ''}. It cannot order until it is reinstated.
        </p>
      );
  }
}
