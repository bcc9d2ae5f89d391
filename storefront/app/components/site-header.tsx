import { Brand, IconClose, IconMenu, IconSearch } from '@agora/ui/components';
import { useLocation } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { AppLink } from './app-link.js';

/**
 * The storefront's header: brand on the primary color, search, and the main links. Below 860 px
 * the links fold into a menu button and the search takes its own row, so a phone gets two short
 * rows instead of four wrapped ones. The menu closes on every navigation.
 */
export function SiteHeader({
  name,
  logoUrl,
  account,
  csrf,
}: {
  name: string;
  logoUrl: string | null;
  /** The signed-in buyer (or another kind of account), null when anonymous. */
  account: { name: string; companyName: string | null } | null;
  csrf: string | null;
}) {
  const [open, setOpen] = useState(false);
  const location = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing on navigation is the point
  useEffect(() => setOpen(false), [location.key]);
  return (
    <header className="site-header">
      <div className="site-header-bar">
        <AppLink to="/" className="brand">
          <Brand name={name} logoUrl={logoUrl} />
        </AppLink>
        <search className="header-search">
          <form method="get" action="/search">
            <input type="search" name="q" placeholder="Search products" aria-label="Search products" />
            <button type="submit" aria-label="Find products">
              <IconSearch />
            </button>
          </form>
        </search>
        <button
          type="button"
          className="menu-button"
          aria-expanded={open}
          aria-controls="site-nav"
          onClick={() => setOpen((o) => !o)}
        >
          {open ? <IconClose /> : <IconMenu />} Menu
        </button>
        <nav id="site-nav" className="site-nav" aria-label="Main" data-open={open}>
          <AppLink to="/search">Catalog</AppLink>
          <AppLink to="/vendors">Vendors</AppLink>
          <AppLink to="/sell">Become a vendor</AppLink>
          {account ? (
            <>
              {account.companyName !== null ? (
                <>
                  <AppLink to="/account" className="account-link" data-testid="header-account">
                    {account.name}
                  </AppLink>
                  <AppLink to="/cart">Cart</AppLink>
                </>
              ) : null}
              <form method="post" action="/account/sign-out" className="sign-out">
                <input type="hidden" name="csrf" value={csrf ?? ''} />
                <button type="submit" className="link-button">
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <AppLink to="/account/sign-in">Sign in</AppLink>
          )}
        </nav>
      </div>
    </header>
  );
}
