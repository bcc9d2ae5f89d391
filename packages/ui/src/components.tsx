import type { ReactNode, SVGProps } from 'react';

/**
 * Small shared components of the visual system (ADR 0031). Icons are inline SVG drawn on a
 * 24-unit grid with the current text color, so they follow the theme and need no icon font.
 */
function Svg({ children, ...props }: SVGProps<SVGSVGElement> & { children: ReactNode }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

export const IconSearch = () => (
  <Svg>
    <circle cx="11" cy="11" r="7" />
    <path d="m20 20-3.5-3.5" />
  </Svg>
);
export const IconMenu = () => (
  <Svg>
    <path d="M4 6h16M4 12h16M4 18h16" />
  </Svg>
);
export const IconClose = () => (
  <Svg>
    <path d="M6 6l12 12M18 6 6 18" />
  </Svg>
);
export const IconVerified = () => (
  <Svg>
    <path d="M12 3l2.4 1.8 3 .2.9 2.9 2.2 2-1 2.8.5 3-2.6 1.5-1.4 2.7-3-.4L12 21l-2-1.5-3 .4-1.4-2.7L3 15.7l.5-3-1-2.8 2.2-2 .9-2.9 3-.2z" />
    <path d="m8.5 12 2.3 2.3 4.7-4.8" />
  </Svg>
);
export const IconBox = () => (
  <Svg>
    <path d="M21 8 12 3 3 8v8l9 5 9-5z" />
    <path d="m3 8 9 5 9-5M12 13v8" />
  </Svg>
);

/**
 * The marketplace's brand as the storefront header shows it: logo and name on the primary color.
 * The console's branding preview renders the same component inside the same `.site-header`, so
 * what the operator previews is what buyers see.
 */
export function Brand({ name, logoUrl }: { name: string; logoUrl: string | null }) {
  return (
    <>
      {logoUrl ? <img src={logoUrl} alt="" className="brand-logo" /> : null}
      <span className="brand-name">{name}</span>
    </>
  );
}
