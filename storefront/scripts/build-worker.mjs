// The Worker: edge/worker.ts and what it needs (the Remix request handler of @remix-run/cloudflare)
// bundled into build/worker/index.js, an ES module for workerd (Cloudflare Workers, or Miniflare in
// tests). The storefront's server build (build/server/index.js, made by `remix vite:build` just
// before) is NOT re-bundled: the Worker imports that very file (`../server/index.js`), the one
// platform-api runs in Node, so both runtimes run the same bytes (a re-bundled copy would even
// print inline scripts such as ScrollRestoration's differently). Deploy the two modules together
// (wrangler.toml: no_bundle). No Node built-ins: the test checks both files.
// See docs/decisions/0040-edge-rendered-storefront.md.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [join(here, 'edge/worker.ts')],
  outfile: join(here, 'build/worker/index.js'),
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['browser', 'module', 'main'],
  minify: false,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [
    {
      name: 'server-build-external',
      setup(b) {
        b.onResolve({ filter: /^virtual:storefront-server-build$/ }, () => ({
          path: '../server/index.js',
          external: true,
        }));
      },
    },
  ],
});
