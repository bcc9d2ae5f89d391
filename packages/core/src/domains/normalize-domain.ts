import { domainToASCII } from 'node:url';
import type { Config } from '@agora/config';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A domain as stored and compared: trimmed, lower case, one trailing dot dropped, international
 * names in punycode (`Bücher.Example.` -> `xn--bcher-kva.example`). '' when it is not a hostname
 * a marketplace can have: not two or more valid labels, an IP address, a wildcard, a port or a
 * path, over 253 characters.
 */
export function normalizeDomain(raw: string): string {
  let name = raw.trim();
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name === '' || /[/:@?#*\s\\]/.test(name)) return '';
  const ascii = domainToASCII(name);
  if (ascii === '' || ascii.length > 253) return '';
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return '';
  // A top-level label is never all digits: that is an IPv4 address (or part of one).
  if (/^\d+$/.test(labels.at(-1) ?? '')) return '';
  return ascii;
}

/** `example.com`: no CNAME is possible at a zone apex, so A records route it. */
export const isApexDomain = (domain: string) => domain.split('.').length === 2;

const within = (domain: string, parent: string) => domain === parent || domain.endsWith(`.${parent}`);

/**
 * Why a normalised domain cannot be added, or null: the platform's own names (its base domain
 * and every host under it, the platform host, the CNAME target) belong to the platform.
 */
export function platformDomainProblem(
  config: Pick<Config, 'baseDomain' | 'platformHost' | 'domains'>,
  domain: string,
): string | null {
  const own = [config.baseDomain, config.platformHost, config.domains.target];
  if (own.some((name) => within(domain, name)) || domain === 'localhost' || domain.endsWith('.localhost'))
    return `${domain} is one of the platform's own names; add a domain you own`;
  return null;
}
