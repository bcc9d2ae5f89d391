import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequestHandler, type ServerBuild } from '@remix-run/node';

export type RemixApp = {
  name: string;
  handle(request: Request, context: Record<string, unknown>): Promise<Response>;
  /** A built client asset (`/assets/...`) or null when there is no such file. */
  asset(pathname: string): Promise<Response | null>;
};

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Load a built Remix app (`<app>/build`) and wrap it for mounting: a request handler and a
 * static handler for its hashed client assets. Returns null when the app has not been built.
 */
export async function loadRemixApp(name: 'storefront' | 'tenant-console'): Promise<RemixApp | null> {
  const buildDir = join(repoRoot, name, 'build');
  const serverEntry = join(buildDir, 'server', 'index.js');
  if (!existsSync(serverEntry)) return null;
  const build = (await import(pathToFileURL(serverEntry).href)) as ServerBuild;
  const handler = createRequestHandler(build, 'production');
  const clientDir = resolve(buildDir, 'client');
  return {
    name,
    // Each app declares its own AppLoadContext; the mount layer passes it through untyped.
    handle: (request, context) => handler(request, context as never),
    async asset(pathname) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(pathname);
      } catch {
        return null; // bad percent-encoding: no such file
      }
      // biome-ignore lint/suspicious/noControlCharactersInRegex: no file name has control characters
      if (/[\u0000-\u001f\u007f]/.test(decoded)) return null;
      const file = resolve(clientDir, `.${decoded}`);
      if (!file.startsWith(`${clientDir}/`)) return null;
      const bytes = await readFile(file).catch(() => null);
      if (!bytes) return null;
      return new Response(bytes, {
        headers: {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          // File names carry a content hash.
          'cache-control': 'public, max-age=31536000, immutable',
        },
      });
    },
  };
}
