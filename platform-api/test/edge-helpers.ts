import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';

/**
 * The built Worker (`pnpm --filter @agora/storefront build`): storefront/build/worker/index.js, which
 * imports the storefront's server build (build/server/index.js, the file Node runs) as it is.
 */
export const BUILD_DIR = fileURLToPath(new URL('../../storefront/build/', import.meta.url));
export const WORKER_FILE = `${BUILD_DIR}worker/index.js`;
export const SERVER_BUILD_FILE = `${BUILD_DIR}server/index.js`;

/** A free loopback port (the origin's, known before the origin starts, so the Worker can be told it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The built Worker under Miniflare (workerd from npm), listening on loopback for the origin's purges. */
export async function startEdge(bindings: {
  ORIGIN_URL: string;
  AGORA_EDGE_SECRET: string;
  EDGE_CACHE?: string;
}) {
  const mf = new Miniflare({
    // Listed, not scanned: the bundle holds @remix-run/react's browser-only route loader, whose
    // dynamic import() Miniflare's module scanner refuses (it never runs on the server).
    modulesRoot: BUILD_DIR,
    modules: [
      { type: 'ESModule', path: WORKER_FILE },
      { type: 'ESModule', path: SERVER_BUILD_FILE },
    ],
    compatibilityDate: '2025-09-01',
    // No nodejs_compat: the Worker must need no Node built-in.
    bindings,
    host: '127.0.0.1',
    port: 0,
  });
  const url = await mf.ready;
  return { mf, url };
}

export type Fetched = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

/** GET over a real socket with an explicit Host (Node's fetch drops a Host header). */
export function httpGet(
  port: number,
  host: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: 'GET', headers: { host, accept: 'text/html', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
