import type { Config } from '@agora/config';
import type { DomainCheck, TenantDomain } from '@agora/contracts';
import type { CustomDomainRow } from '@agora/db';
import { ownershipRecordName } from './check-domain-dns.js';
import { disableAt } from './domain-transitions.js';
import { isApexDomain } from './normalize-domain.js';

/** A stored domain as the API shows it, with the DNS records to create. */
export function toDomainView(config: Pick<Config, 'domains'>, row: CustomDomainRow): TenantDomain {
  const { target, targetAddresses, graceMs } = config.domains;
  const end = disableAt({ status: row.status, failingSince: row.failingSince }, graceMs);
  return {
    id: row.id,
    domain: row.hostname,
    status: row.status,
    primary: row.isPrimary,
    verificationToken: row.verificationToken,
    instructions: {
      txt: { name: ownershipRecordName(row.hostname), value: row.verificationToken },
      cname: { name: row.hostname, value: target },
      a: targetAddresses ? { name: row.hostname, values: targetAddresses } : null,
      apex: isApexDomain(row.hostname),
    },
    lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
    lastResult: (row.lastResult as DomainCheck | null) ?? null,
    failingSince: row.failingSince?.toISOString() ?? null,
    disableAt: end?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
