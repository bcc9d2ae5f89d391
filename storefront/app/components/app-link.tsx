import { useNavigate } from '@remix-run/react';
import { type AnchorHTMLAttributes, useEffect } from 'react';

/**
 * A link to another storefront page: a plain `<a>` that `useAppLinks` turns into a client-side
 * navigation once the page is hydrated (a normal page load before that, or without JavaScript).
 *
 * Why not Remix's `<Link>`: each one resolves its path against the route matches while it
 * renders (serialising them to JSON), about 11 µs per link on the server. A search page has
 * 70 or more links (cards, facets, pages), which made links alone a third of its render time
 * (docs/decisions/0017-storefront-links.md). Our `to` values are absolute paths already, so
 * there is nothing to resolve.
 */
export function AppLink({ to, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  return <a data-app-link="" {...rest} href={to} />;
}

/** Whether a click on a link is a plain left click the browser would follow in this tab. */
function isPlainClick(event: MouseEvent, link: HTMLAnchorElement): boolean {
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) &&
    (!link.target || link.target === '_self') &&
    !link.hasAttribute('download')
  );
}

/**
 * Once, in the root: one document click listener sends plain clicks on `AppLink`s on this
 * origin through Remix's router, as `<Link>` would (loaders fetched as data, no full reload,
 * scroll restoration). Other anchors (the console, downloads, new tabs) are left to the browser.
 */
export function useAppLinks(): void {
  const navigate = useNavigate();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.('a[data-app-link]');
      if (!(link instanceof HTMLAnchorElement) || !isPlainClick(event, link)) return;
      const url = new URL(link.href);
      if (url.origin !== window.location.origin) return;
      event.preventDefault();
      navigate(url.pathname + url.search + url.hash);
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [navigate]);
}
