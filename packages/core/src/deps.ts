import type { Config } from '@agora/config';
import type { Database } from '@agora/db';
import type { FileStorage } from '@agora/files';
import type { JobClient, TenantEvents } from '@agora/queue';
import type { Cdn } from './cdn/cdn.js';
import type { Mailer } from './emails/mailer.js';
import type { SearchEngine } from './search/search-engine.js';

/** What domain functions need from the outside world, passed explicitly (no globals). */
export type Deps = {
  config: Config;
  database: Database;
  jobs: JobClient;
  events: TenantEvents;
  mailer: Mailer;
  files: FileStorage;
  /** Product search (PostgreSQL by default, Meilisearch with MEILI_URL). */
  search: SearchEngine;
  /** The CDN in front of the storefronts, if any (AGORA_CDN_PURGE_URL). */
  cdn: Cdn;
};
