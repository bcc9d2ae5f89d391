import { Resolver } from 'node:dns/promises';

/** The DNS answers a domain check needs. An empty list: the name has no such record. */
export type DnsLookup = {
  txt(name: string): Promise<string[]>;
  cname(name: string): Promise<string[]>;
  a(name: string): Promise<string[]>;
};

/** The DNS server could not give an answer (timeout, SERVFAIL, refused): nothing is known about the name. */
export class DnsLookupError extends Error {
  override name = 'DnsLookupError';
  constructor(
    readonly code: string,
    readonly query: string,
  ) {
    super(`DNS lookup of ${query} failed (${code})`);
  }
}

// "No such name" and "no record of that type" are answers; anything else is a failed lookup.
const NO_RECORD = new Set(['ENODATA', 'ENOTFOUND', 'NXDOMAIN']);

/**
 * The one DNS resolver of the platform: every custom-domain check goes through it. `servers`
 * (`ip[:port]`, AGORA_DNS_SERVERS) replace the system's, which is how tests point it at a DNS
 * server on loopback.
 */
export function createDnsResolver(
  servers: string[] | undefined,
  options: { timeoutMs?: number; tries?: number } = {},
): DnsLookup {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 3000, tries: options.tries ?? 2 });
  if (servers?.length) resolver.setServers(servers);
  const ask = async <T>(query: string, run: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await run();
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'ERROR';
      if (NO_RECORD.has(code)) return [];
      throw new DnsLookupError(code, query);
    }
  };
  return {
    txt: async (name) =>
      (await ask(`TXT ${name}`, () => resolver.resolveTxt(name))).map((chunks) => chunks.join('')),
    cname: (name) => ask(`CNAME ${name}`, () => resolver.resolveCname(name)),
    a: (name) => ask(`A ${name}`, () => resolver.resolve4(name)),
  };
}
