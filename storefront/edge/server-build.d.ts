/** The storefront's server build (build/server/index.js), wired by scripts/build-worker.mjs. */
declare module 'virtual:storefront-server-build' {
  import type { ServerBuild } from '@remix-run/server-runtime';

  const build: ServerBuild;
  export = build;
}
