import type { Database } from '@agora/db';
import { normalizeHost } from './hosts.js';
import { lookupTenantByHost } from './lookup-host.js';

/**
 * Whether the TLS proxy may get a certificate for `hostname` (Caddy's on-demand TLS asks before
 * each new name): the platform's own host, the default hosts of active marketplaces, and their
 * *verified* custom domains. Not for names of suspended, provisioning or failed marketplaces, nor
 * custom domains that are pending, failing or disabled, and nothing else, so nobody can make us
 * request certificates for arbitrary names. The one place this rule lives.
 */
export async function allowCertificate(
  database: Database,
  platformHost: string,
  hostname: string | undefined,
): Promise<boolean> {
  const host = normalizeHost(hostname);
  if (host === '') return false;
  if (host === platformHost) return true;
  const tenant = await lookupTenantByHost(database, host);
  return tenant?.status === 'active' && (tenant.via === 'default' || tenant.via === 'verified');
}
