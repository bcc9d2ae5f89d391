// The Worker: edge/worker.ts plus the storefront's server build (build/server/index.js, made by
// `remix vite:build` just before) in one ES module, build/worker/index.js, for workerd (Cloudflare
// Workers, or Miniflare in tests). No Node built-ins: the build fails if anything asks for one.
// See docs/decisions/0034-h8-edge-rendered-storefront.md.
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
});
