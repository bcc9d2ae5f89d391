import type { Config } from '@agora/config';
import { type Database, platformTables as p } from '@agora/db';
import { and, asc, desc, eq, or } from 'drizzle-orm';

/**
 * The origin of links to a tenant host: `<scheme>://<hostname>[:<port>]`, from
 * AGORA_PUBLIC_SCHEME and AGORA_PUBLIC_PORT (development: `http://<slug>.localhost:<PORT>`,
 * production: `https://<hostname>`). A port that is the scheme's default is left out.
 */
export function publicOrigin(config: Pick<Config, 'publicUrl'>, hostname: string): string {
  const { scheme, port } = config.publicUrl;
  const isDefault =
    port === undefined || (scheme === 'http' && port === 80) || (scheme === 'https' && port === 443);
  return `${scheme}://${hostname}${isDefault ? '' : `:${port}`}`;
}

/**
 * The hostname links to a tenant use: its verified primary custom domain, else its platform host
 * (the oldest, should there be several), or null before it has one. One statement (ADR 0041).
 */
export async function primaryHostname(database: Database, tenantId: string): Promise<string | null> {
  const [row] = await database.platform
    .select({ hostname: p.domains.hostname })
    .from(p.domains)
    .where(
      and(
        eq(p.domains.tenantId, tenantId),
        or(
          eq(p.domains.kind, 'platform'),
          and(eq(p.domains.isPrimary, true), eq(p.domains.status, 'verified')),
        ),
      ),
    )
    .orderBy(desc(p.domains.isPrimary), asc(p.domains.createdAt))
    .limit(1);
  return row?.hostname ?? null;
}
