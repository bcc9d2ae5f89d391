import type { DomainCheck } from '@agora/contracts';
import { type DnsLookup, DnsLookupError } from './dns-resolver.js';

export type DomainDnsTarget = {
  /** The host a CNAME must name. */
  target: string;
  /** Addresses A records must be among; undefined: the target's own A records. */
  targetAddresses: string[] | undefined;
};

/** The name of the TXT record that proves ownership of `domain`. */
export const ownershipRecordName = (domain: string) => `_agora.${domain}`;

const bare = (name: string) => name.toLowerCase().replace(/\.$/, '');

/**
 * Look at a domain's DNS: does `_agora.<domain>` hold the token (ownership), and does the domain
 * reach the platform, by a CNAME to the target or by A records that are all the target's
 * addresses (routing)? `conclusive` is false when the DNS server gave no answer (timeout,
 * SERVFAIL): such a check says nothing about the domain and must not change its status.
 */
export async function checkDomainDns(
  dns: DnsLookup,
  domain: string,
  token: string,
  target: DomainDnsTarget,
  now = new Date(),
): Promise<{ check: DomainCheck; conclusive: boolean }> {
  const records = { txt: [] as string[], cname: [] as string[], a: [] as string[] };
  try {
    [records.txt, records.cname, records.a] = await Promise.all([
      dns.txt(ownershipRecordName(domain)),
      dns.cname(domain),
      dns.a(domain),
    ]);
    const ownership = records.txt.some((v) => v.trim() === token);
    let routing = records.cname.some((c) => bare(c) === target.target);
    if (!routing && records.a.length > 0) {
      const expected = target.targetAddresses ?? (await dns.a(target.target));
      routing = records.a.every((address) => expected.includes(address));
    }
    const problems: string[] = [];
    if (!ownership)
      problems.push(
        records.txt.length
          ? `the TXT record ${ownershipRecordName(domain)} does not hold this domain's token`
          : `there is no TXT record ${ownershipRecordName(domain)}`,
      );
    if (!routing)
      problems.push(
        records.cname.length || records.a.length
          ? `${domain} points elsewhere, not at ${target.target}`
          : `${domain} has no CNAME or A record`,
      );
    const problem = problems.length ? `${capitalize(problems.join('; and '))}.` : null;
    return {
      check: { checkedAt: now.toISOString(), ownership, routing, records, problem },
      conclusive: true,
    };
  } catch (e) {
    if (!(e instanceof DnsLookupError)) throw e;
    return {
      check: {
        checkedAt: now.toISOString(),
        ownership: false,
        routing: false,
        records,
        problem: `The DNS check could not be completed (${e.query}: ${e.code}); it will be tried again.`,
      },
      conclusive: false,
    };
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
