import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';
import { benchBuild } from './bench-routes.js';

// Built once (`pnpm build`); platform-api mounts build/server and serves build/client, and
// `scripts/build-worker.mjs` wraps the same build/server into the Worker (build/worker/index.js).
// The server build is one self-contained web-worker bundle (no node: imports, every dependency
// inside) so that Node and workerd run the same file (docs/decisions/0040-edge-rendered-storefront.md).
// `pnpm build:bench` (vite mode `bench`) builds into build-bench/ with the benchmark's extra
// routes (bench-routes.ts); the production build never contains them.
export default defineConfig(({ mode }) => {
  const bench = benchBuild(mode);
  return {
    plugins: [
      remix({
        // Lazy route discovery is off: both apps share one host, and its /__manifest requests would
        // reach the storefront from the console. The full manifest is small.
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
        },
        ...(bench ? { buildDirectory: bench.buildDirectory, routes: bench.routes } : {}),
      }),
    ],
    build: { assetsDir: 'assets' },
    ssr: {
      target: 'webworker',
      noExternal: true,
      resolve: { conditions: ['workerd', 'worker', 'browser'], externalConditions: ['workerd', 'worker'] },
    },
    resolve: { mainFields: ['browser', 'module', 'main'] },
  };
});
