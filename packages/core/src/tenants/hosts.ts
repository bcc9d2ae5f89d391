/** Lowercase, no port, no trailing dot: `Acme.Example.COM.:3000` -> `acme.example.com`. */
export function normalizeHost(raw: string | null | undefined): string {
  if (!raw) return '';
  let host = raw.trim().toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end > 0 ? host.slice(0, end + 1) : host; // IPv6 literal; never a tenant host
  }
  const colon = host.indexOf(':');
  if (colon >= 0) host = host.slice(0, colon);
  while (host.endsWith('.')) host = host.slice(0, -1);
  return host;
}

export const defaultHostname = (slug: string, baseDomain: string) => `${slug}.${baseDomain}`;
