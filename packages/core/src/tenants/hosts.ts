const HOSTNAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;

/**
 * Lowercase, no port, one trailing dot dropped: `Acme.Example.COM.:3000` -> `acme.example.com`.
 * Anything that is not a valid DNS hostname (IP literals with brackets, empty labels, odd
 * characters) normalizes to '' and so never matches a tenant.
 */
export function normalizeHost(raw: string | null | undefined): string {
  if (!raw) return '';
  let host = raw.trim().toLowerCase();
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && /^\d*$/.test(host.slice(colon + 1))) host = host.slice(0, colon);
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host.length <= 253 && HOSTNAME.test(host) ? host : '';
}

export const defaultHostname = (slug: string, baseDomain: string) => `${slug}.${baseDomain}`;
