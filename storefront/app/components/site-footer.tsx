import type { Footer } from '@agora/api-client';
import { AppLink } from './app-link.js';

/**
 * The storefront footer: the operator's text and links (plain text, validated by the API, shown
 * as text by React), the main links and the copyright. Links to other sites open normally but
 * pass no referrer and no ranking (`nofollow`).
 */
export function SiteFooter({ name, footer }: { name: string; footer: Footer | undefined }) {
  return (
    <footer className="site-footer">
      <div className="site-footer-inner">
        {footer?.text ? (
          <p className="footer-text" data-testid="footer-text">
            {footer.text}
          </p>
        ) : null}
        <nav aria-label="Footer">
          {/* Plain links: an operator's path may lead outside the storefront (say, /console). */}
          {footer?.links.map((l) => (
            <a
              key={`${l.label}${l.url}`}
              href={l.url}
              rel={l.url.startsWith('/') ? undefined : 'nofollow noopener noreferrer'}
            >
              {l.label}
            </a>
          ))}
          <AppLink to="/search">Catalog</AppLink>
          <AppLink to="/vendors">Vendors</AppLink>
          <AppLink to="/sell">Sell on {name}</AppLink>
        </nav>
        <p>
          © {new Date().getFullYear()} {name}
        </p>
      </div>
    </footer>
  );
}
