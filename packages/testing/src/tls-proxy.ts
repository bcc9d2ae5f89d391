import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { type AddressInfo, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where a binary is, or null (tests skip with a message when Caddy or Pebble is missing). */
export function which(bin: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once something accepts TCP connections on `port`. */
export async function waitForPort(
  port: number,
  child: ChildProcess & { output: string[] },
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited early:\n${child.output.join('')}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on ${port} after ${timeoutMs} ms:\n${child.output.join('')}`);
}

export type Spawned = ChildProcess & { output: string[] };

export function start(bin: string, args: string[], env: Record<string, string> = {}): Spawned {
  const child = spawn(bin, args, {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as Spawned;
  child.output = [];
  child.stdout?.on('data', (d) => child.output.push(String(d)));
  child.stderr?.on('data', (d) => child.output.push(String(d)));
  return child;
}

export async function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export type CaddyOptions = {
  /** Where Caddy proxies to and asks: the platform on loopback. */
  apiPort: number;
  /** AGORA_TLS_ASK_SECRET of the platform; undefined: the platform answers loopback callers. */
  askSecret?: string;
  /** Extra global options (an ACME CA for the Pebble test); default `tls internal`. */
  globalOptions?: string;
  /** The site's tls block; default `tls internal { on_demand }`. */
  tls?: string;
  httpPort: number;
  httpsPort: number;
};

/**
 * A real Caddy (Debian's `caddy`) with on-demand TLS in front of the platform: it asks
 * `/internal/tls-allowed?secret=...` (Caddy appends `&domain=<name>`) before getting a
 * certificate for a name it sees in a TLS handshake. Storage, config and data in a temporary
 * directory; `admin off`, no trust store changes.
 */
export async function startCaddy(
  options: CaddyOptions,
): Promise<{ child: Spawned; dir: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'agora-caddy-'));
  const caddyfile = `{
	admin off
	skip_install_trust
	http_port ${options.httpPort}
	https_port ${options.httpsPort}
	storage file_system ${join(dir, 'data')}
	${options.globalOptions ?? ''}
	on_demand_tls {
		ask http://127.0.0.1:${options.apiPort}/internal/tls-allowed${options.askSecret ? `?secret=${options.askSecret}` : ''}
	}
}

https:// {
	${options.tls ?? 'tls internal {\n\t\ton_demand\n\t}'}
	reverse_proxy 127.0.0.1:${options.apiPort}
}
`;
  writeFileSync(join(dir, 'Caddyfile'), caddyfile);
  const child = start('caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], {
    HOME: dir,
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_CONFIG_HOME: join(dir, 'config'),
  });
  await waitForPort(options.httpsPort, child);
  return {
    child,
    dir,
    async close() {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type HttpsResult =
  | {
      ok: true;
      status: number;
      body: string;
      certificate: { subjectaltname?: string; issuer: Record<string, string> };
    }
  | { ok: false; error: string };

/**
 * GET `https://<servername><path>` through 127.0.0.1:`port` (as curl --resolve does): the TLS
 * handshake carries the name (SNI), the request its Host. The certificate is not verified here;
 * the caller looks at what it names and who issued it.
 */
export function httpsGet(port: number, servername: string, path: string): Promise<HttpsResult> {
  return new Promise((resolve) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        servername,
        path,
        headers: { host: servername },
        rejectUnauthorized: false,
        agent: false,
        timeout: 15_000,
      },
      (res) => {
        const certificate = (res.socket as import('node:tls').TLSSocket).getPeerCertificate();
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () =>
          resolve({
            ok: true,
            status: res.statusCode ?? 0,
            body,
            certificate: {
              subjectaltname: certificate.subjectaltname,
              issuer: certificate.issuer as unknown as Record<string, string>,
            },
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => resolve({ ok: false, error: e.message }));
    req.end();
  });
}
