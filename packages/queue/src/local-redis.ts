import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export type LocalRedis = { url: string; stop(): Promise<void> };

export const REDIS_MISSING_MESSAGE =
  'No Redis answers and redis-server is not installed. Install Redis ' +
  '(Debian/Ubuntu: `sudo apt-get install -y redis-server`; macOS: `brew install redis`) or set REDIS_URL to a running one.';

/** Does a Redis server answer PING at this URL (within a second)? */
export async function redisAnswers(url: string): Promise<boolean> {
  const r = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  r.on('error', () => {});
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

/**
 * Start a private `redis-server` on a free loopback port (nothing persisted unless `dir` is
 * given). Throws REDIS_MISSING_MESSAGE when the binary is not installed.
 */
export async function spawnRedisServer(options: { dir?: string } = {}): Promise<LocalRedis> {
  const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  if (found.error || found.status !== 0) throw new Error(REDIS_MISSING_MESSAGE);
  const port = await freeLoopbackPort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--appendonly', 'no'];
  if (options.dir) args.push('--dir', options.dir, '--save', '60 1');
  else args.push('--save', '');
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(url)) {
      return {
        url,
        stop: () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('redis-server was started but did not answer within 5 seconds');
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}
